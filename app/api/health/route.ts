import { GET as ready } from "./ready/route";

export const dynamic = "force-dynamic";

/** Readiness, kept at its old address for load balancers and scripts that use it (see ./ready, ./live). */
export const GET = ready;
