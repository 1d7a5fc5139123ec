import type { DbOrTrx } from "./connect";

/** Run `body` in a transaction: the caller's, if it is already in one, else a new one. */
export function inTransaction<T>(db: DbOrTrx, body: (trx: DbOrTrx) => Promise<T>): Promise<T> {
  return db.isTransaction ? body(db) : db.transaction().execute(body);
}
