import { describe, expect, it } from "vitest";
import { GuardUnavailableError } from "@/lib/access/guard";
import { errorReference } from "./error-reference";

describe("the error page's reference", () => {
  it("is the digest a server error arrives with", () => {
    expect(errorReference(Object.assign(new Error("x"), { digest: "2938475612" }))).toBe("2938475612");
    expect(errorReference({ digest: "1f4e0c2a-9b7d-4c1e-8f00-123456789abc" })).toBe(
      "1f4e0c2a-9b7d-4c1e-8f00-123456789abc",
    );
  });

  it("is the request id for the 'unavailable' case (the guard's error carries it as its digest)", () => {
    expect(errorReference(new GuardUnavailableError("req-down-0007"))).toBe("req-down-0007");
  });

  it("is absent for an error without a digest, or with one that is not plain text", () => {
    expect(errorReference(new Error("client side"))).toBeNull();
    expect(errorReference(null)).toBeNull();
    expect(errorReference({ digest: 42 })).toBeNull();
    expect(errorReference({ digest: "<script>" })).toBeNull();
    expect(errorReference({ digest: "x".repeat(65) })).toBeNull();
  });
});
