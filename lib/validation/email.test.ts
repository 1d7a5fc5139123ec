import { describe, expect, it } from "vitest";
import { emailSchema, normalizeEmail } from "./email";

describe("normalizeEmail", () => {
  it("lower-cases and applies NFKC", () => {
    expect(normalizeEmail("Ann.Lee@Example.COM")).toBe("ann.lee@example.com");
    expect(normalizeEmail("  bob@example.com \n")).toBe("bob@example.com");
    // Full-width letters fold to ASCII; the ligature "ﬁ" to "fi".
    expect(normalizeEmail("ＡＮＮ@example.com")).toBe("ann@example.com");
    expect(normalizeEmail("ﬁnance@example.com")).toBe("finance@example.com");
    // Composed and decomposed "é" are one address.
    expect(normalizeEmail("re\u0301my@example.com")).toBe(normalizeEmail("rémy@example.com"));
    expect(normalizeEmail("rémy@example.com")).toBe("r\u00e9my@example.com");
  });

  it("accepts plus addressing and internationalised addresses", () => {
    expect(normalizeEmail("ann+invites@example.com")).toBe("ann+invites@example.com");
    expect(normalizeEmail("o'brien@example.ie")).toBe("o'brien@example.ie");
    expect(normalizeEmail("user@bücher.example")).toBe("user@bücher.example");
    expect(normalizeEmail("مستخدم@مثال.موقع")).toBe("مستخدم@مثال.موقع");
    expect(normalizeEmail("用户@例子.广告")).toBe("用户@例子.广告");
    expect(normalizeEmail("a@sub.domain-with-dash.example.co")).toBe("a@sub.domain-with-dash.example.co");
  });

  it.each([
    ['"a@evil.example"@victim.example', "quoted local part holding another address"],
    ["a\uFF20victim.example", "full-width at sign"],
    ["a\uFE6Bvictim.example", "small at sign"],
    ["a@b@example.com", "two at signs"],
    ["a@evil.example@victim.example", "two at signs, two domains"],
    ["ann lee@example.com", "space in the local part"],
    ["ann@exa mple.com", "space in the domain"],
    ["a@example.com,b@example.com", "a list"],
    ["a@example.com;b@example.com", "a list with a semicolon"],
    ["Ann <ann@example.com>", "display name and angle brackets"],
    ["<ann@example.com>", "angle brackets"],
    ["ann@example.com (Ann)", "a comment"],
    ["", "empty"],
    ["   ", "blank"],
    ["@example.com", "no local part"],
    ["ann@", "no domain"],
    ["ann", "no at sign"],
    ["ann@localhost", "a domain without a dot"],
    ["ann.@example.com", "trailing dot in the local part"],
    [".ann@example.com", "leading dot in the local part"],
    ["an..n@example.com", "two dots in the local part"],
    ["ann@example..com", "two dots in the domain"],
    ["ann@-example.com", "label starting with a hyphen"],
    ["ann@example.c", "one-letter top-level domain"],
    ["ann@[127.0.0.1]", "address literal"],
    ["ann\u0000@example.com", "NUL character"],
    ["ann@example.com\r\nBcc: x@example.com", "header injection"],
    [`${"a".repeat(65)}@example.com`, "local part over 64 characters"],
    [`a@${"b".repeat(250)}.com`, "over 254 characters"],
  ])("refuses %j (%s)", (raw) => {
    expect(normalizeEmail(raw)).toBeNull();
  });
});

describe("emailSchema", () => {
  it("returns the normalised address", () => {
    expect(emailSchema.parse(" Ann@Example.com ")).toBe("ann@example.com");
  });

  it("fails with the catalog key errors.email.invalid", () => {
    for (const bad of ["nope", '"a@evil.example"@victim.example', 42, null]) {
      const result = emailSchema.safeParse(bad);
      expect(result.success, String(bad)).toBe(false);
      expect(result.error?.issues[0]?.message).toBe("email.invalid");
    }
  });
});
