import "server-only";
import { getDb } from "./connect";

export { getDb };
export type { Db, DbOrTrx } from "./connect";
