import { describe, expect, it } from "vitest";
import { plainActionArguments, refuseRequest, sameOrigin, undecodablePath } from "./request-shape";

const BASE = "http://localhost:3000";
const post = (path: string, headers: Record<string, string>, body?: BodyInit) =>
  new Request(`${BASE}${path}`, { method: "POST", headers: { host: "localhost:3000", ...headers }, body });

describe("requests no page can answer", () => {
  it("refuses paths that are not percent-encoding, and only those", () => {
    expect(undecodablePath("/w/%zz")).toBe(true);
    expect(undecodablePath("/w/%")).toBe(true);
    expect(undecodablePath("/w/%C3%A9/contacts")).toBe(false);
    expect(undecodablePath("/w/%00")).toBe(false);
  });

  it("compares the Origin with x-forwarded-host, else Host, as Next.js does", () => {
    const h = (init: Record<string, string>) => new Headers(init);
    expect(sameOrigin(null, h({ host: "localhost:3000" }))).toBe(true);
    expect(sameOrigin("http://127.0.0.1:3000", h({ host: "127.0.0.1:3000" }))).toBe(true);
    expect(sameOrigin("https://app.example", h({ host: "10.0.0.1:3000", "x-forwarded-host": "app.example, x" }))).toBe(
      true,
    );
    expect(sameOrigin("http://localhost:3000", h({ host: "localhost:3000", "x-forwarded-host": "app.example" }))).toBe(
      false,
    );
    expect(sameOrigin("http://evil.example", h({ host: "localhost:3000" }))).toBe(false);
    expect(sameOrigin("null", h({ host: "localhost:3000" }))).toBe(false);
  });

  it("accepts what encodeReply writes for plain values and refuses what decodeReply throws on", () => {
    expect(plainActionArguments('[{"email":"a@b.c","x":"$$literal","d":"$D2026-01-01","u":"$undefined"}]')).toBe(true);
    expect(plainActionArguments("[]")).toBe(true);
    for (const bad of ["5", "null", '"$Q9"', '["$h1"]', '["$1:a:b"]', '["$@1"]', '["$K1"]', "{", ""]) {
      expect(plainActionArguments(bad), bad).toBe(false);
    }
    expect(plainActionArguments('["$K1"]', true)).toBe(true);
  });

  it("decides a page request: path, origin, then the action body", async () => {
    const action = { "next-action": "7f".repeat(21), "content-type": "text/plain;charset=UTF-8" };
    expect(await refuseRequest(new Request(`${BASE}/w/%zz`))).toBe(400);
    expect(await refuseRequest(new Request(`${BASE}/api/avatar/%zz`))).toBe(400);
    expect(await refuseRequest(new Request(`${BASE}/w/x`))).toBeNull();
    expect(await refuseRequest(post("/w/x", { ...action, origin: "http://evil.example" }, "[]"))).toBe(403);
    expect(await refuseRequest(post("/w/x", action, '[{"a":1}]'))).toBeNull();
    expect(await refuseRequest(post("/w/x", action, "5"))).toBe(400);
    expect(await refuseRequest(post("/api/csp-report", { origin: "null" }, "{}"))).toBeNull();
    expect(await refuseRequest(post("/api/health/x", { ...action, origin: "http://evil.example" }, "[]"))).toBe(403);
    expect(await refuseRequest(post("/api/x", { "content-type": "multipart/form-data; boundary=x" }, "--x--"))).toBe(
      400,
    );
    const form = new FormData();
    form.set("0", '["$K1"]');
    form.set("_1_avatar", new Blob(["png"]), "a.png");
    expect(await refuseRequest(post("/account", { "next-action": "ab".repeat(21) }, form))).toBeNull();
    const broken = { "content-type": "multipart/form-data; boundary=x" };
    expect(await refuseRequest(post("/w/x", { ...broken, "next-action": "ab".repeat(21) }, "garbage"))).toBe(400);
    expect(await refuseRequest(post("/w/x", broken, "garbage"))).toBe(400);
    expect(
      await refuseRequest(post("/w/x", { "content-type": "application/x-www-form-urlencoded" }, "a=b")),
    ).toBeNull();
  });
});
