// Loaded with `node --import tsx --import ./bench/lib/hooks.mjs`: lets the bench import the
// app's services in-process. One module is replaced: lib/i18n/server reads the request
// (next/headers, the next-auth session) and is only used by services for email text.
import { register } from "node:module";

register("./resolve-shims.mjs", import.meta.url);
