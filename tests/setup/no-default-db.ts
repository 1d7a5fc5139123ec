// Setup file of both projects: tests never fall back to the development database.
import { setDbHandle } from "@/db/connect";
import { noDbHandle } from "../helpers/no-db";

setDbHandle(noDbHandle);
