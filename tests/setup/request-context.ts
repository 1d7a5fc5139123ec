// Setup file of the db project: replaces the request context (never the database) so
// server actions can be called directly as a given user — see tests/helpers/request.ts.
import { beforeEach, vi } from "vitest";
import { resetRequestState } from "../helpers/request-state";

vi.mock("@/lib/auth/token", async () => (await import("../helpers/request-state")).tokenModule);
vi.mock("next/headers", async () => (await import("../helpers/request-state")).headersModule);

// Every test starts signed out, with default headers and no cookies.
beforeEach(() => resetRequestState());
