import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { safeCallbackUrl } from "./callback-url";

describe("safeCallbackUrl", () => {
  beforeEach(() => {
    vi.stubEnv("NEXTAUTH_URL", "https://app.example.com");
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it.each([
    ["/", "/"],
    ["/w/3f1c/inbox", "/w/3f1c/inbox"],
    ["/w/3f1c/contacts?q=ann&page=2#top", "/w/3f1c/contacts?q=ann&page=2#top"],
    // Encoded characters stay encoded: a browser does not decode them into a new host.
    ["/%2F%2Fevil.com", "/%2F%2Fevil.com"],
    ["/search?next=//evil.com", "/search?next=//evil.com"],
  ])("keeps the same-origin path %j", (input, expected) => {
    expect(safeCallbackUrl(input)).toBe(expected);
  });

  it.each([
    ["https://app.example.com/w/1/inbox?tab=mine#x", "/w/1/inbox?tab=mine#x"],
    ["https://app.example.com", "/"],
    ["HTTPS://APP.EXAMPLE.COM/account", "/account"],
  ])("turns the same-origin absolute URL %j into its path", (input, expected) => {
    expect(safeCallbackUrl(input)).toBe(expected);
  });

  it.each([
    [null],
    [undefined],
    [""],
    ["//evil.com"],
    ["//evil.com/w/1"],
    ["///evil.com"],
    ["https://evil.com"],
    ["https://evil.com/w/1"],
    ["http://app.example.com/account"], // another scheme is another origin
    ["https://app.example.com:8443/account"], // another port too
    ["https://app.example.com.evil.com/"],
    ["https://app.example.com@evil.com/"],
    ["https://app.example.com//evil.com"], // path of a same-origin URL that is protocol-relative
    ["/\\evil.com"],
    ["\\\\evil.com"],
    ["/\\/evil.com"],
    ["javascript:alert(1)"],
    ["JaVaScRiPt:alert(1)"],
    ["data:text/html,<script>alert(1)</script>"],
    ["evil.com"],
    ["https:evil.com"],
    ["%2F%2Fevil.com"],
    ["%2f%2fevil.com"],
    ["/\t/evil.com"], // browsers drop tabs and newlines: "//evil.com"
    ["/\n/evil.com"],
    ["/\r\n/evil.com"],
    [" /account"],
    ["\t//evil.com"],
    ["https://"],
  ])("refuses %j", (input) => {
    expect(safeCallbackUrl(input)).toBe("/");
  });

  it("follows the configured base URL, not a fixed host", () => {
    vi.stubEnv("NEXTAUTH_URL", "https://other.example.org/");
    expect(safeCallbackUrl("https://other.example.org/x")).toBe("/x");
    expect(safeCallbackUrl("https://app.example.com/x")).toBe("/");
  });
});
