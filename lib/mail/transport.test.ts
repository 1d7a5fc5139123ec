import { describe, expect, it } from "vitest";
import { classifyMailError, mailReason } from "./transport";

describe("classifyMailError", () => {
  it("bounces only a permanent refusal of the envelope or the message", () => {
    expect(classifyMailError({ code: "EENVELOPE", responseCode: 550 })).toEqual({
      bounced: true,
      code: "rejected:550",
    });
    expect(classifyMailError({ code: "EMESSAGE", responseCode: 554 })).toEqual({ bounced: true, code: "rejected:554" });
    // A 5xx to the login is our configuration: retried.
    expect(classifyMailError({ code: "EAUTH", responseCode: 535 })).toEqual({ bounced: false, code: "auth" });
  });

  it("retries temporary refusals and outages, with a short code and no server text", () => {
    expect(classifyMailError({ code: "EENVELOPE", responseCode: 451 })).toEqual({
      bounced: false,
      code: "deferred:451",
    });
    expect(
      classifyMailError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:25"), { code: "ESOCKET" })),
    ).toEqual({
      bounced: false,
      code: "unreachable:ESOCKET",
    });
    expect(classifyMailError(new Error("<script>secret</script>"))).toEqual({ bounced: false, code: "error" });
    expect(classifyMailError({ code: "E<b>x</b>" })).toEqual({ bounced: false, code: "error" });
    expect(classifyMailError(null)).toEqual({ bounced: false, code: "error" });
  });
});

describe("mailReason", () => {
  it("maps a stored code to a generic reason", () => {
    expect(mailReason("unreachable:ESOCKET")).toBe("unreachable");
    expect(mailReason("deferred:421")).toBe("deferred");
    expect(mailReason("rejected:550")).toBe("rejected");
    expect(mailReason("none")).toBe("notConfigured");
    expect(mailReason("auth")).toBe("notConfigured");
    expect(mailReason("error")).toBe("unknown");
    expect(mailReason(null)).toBe("unknown");
  });
});
