// Which requests the edge middleware sees (its matcher). It must cover every page and API
// route but the presence heartbeat, which authorizes fully itself (see middleware.ts).
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { describe, expect, it } from "vitest";
import { config } from "./middleware";

const matches = (url: string) => unstable_doesMiddlewareMatch({ config, url });

describe("middleware matcher", () => {
  it("skips only the presence heartbeat among the app's routes", () => {
    expect(matches("/api/presence/heartbeat")).toBe(false);
    for (const url of [
      "/",
      "/w/7d4c9b1e-0f7a-4f0c-8d7e-1c2b3a4d5e6f/inbox",
      "/w/7d4c9b1e-0f7a-4f0c-8d7e-1c2b3a4d5e6f/settings/users/export",
      "/org/7d4c9b1e-0f7a-4f0c-8d7e-1c2b3a4d5e6f/settings/users",
      "/api/presence/stream?workspaceId=7d4c9b1e-0f7a-4f0c-8d7e-1c2b3a4d5e6f",
      "/api/presence/heartbeats",
      "/api/presence/heartbeat/x",
      "/api/presence",
      "/api/auth/session",
      "/account",
    ]) {
      expect(matches(url), url).toBe(true);
    }
  });

  it("still skips static assets", () => {
    for (const url of ["/_next/static/chunks/main.js", "/favicon.ico", "/robots.txt", "/logo.png"])
      expect(matches(url), url).toBe(false);
  });
});
