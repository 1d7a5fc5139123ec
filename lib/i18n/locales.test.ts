import { describe, expect, it } from "vitest";
import { dir, isLocale, localeFromAcceptLanguage, resolveLocale } from "./locales";

describe("localeFromAcceptLanguage", () => {
  it.each([
    ["ar", "ar"],
    ["ar-SA", "ar"],
    ["AR-eg", "ar"],
    ["en-GB,en;q=0.9", "en"],
    ["fr-FR,fr;q=0.9,ar;q=0.8,en;q=0.7", "ar"],
    ["fr-FR,fr;q=0.9,en;q=0.8,ar;q=0.7", "en"],
    ["en;q=0.5, ar;q=0.9", "ar"],
    ["en;q=0.5,ar", "ar"], // no q means 1
    [" ar-SA ; q=0.8 , en-US ; q=0.3", "ar"],
    ["de, *;q=0.5", null],
    ["ar;q=0, en;q=0.1", "en"], // q=0 means "not this one"
    ["ar;q=0", null],
    ["ar;q=abc, en;q=0.2", "en"], // a malformed q counts as 0
    ["", null],
    ["zz-ZZ", null],
  ] as const)("%j → %j", (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });

  it("handles a missing header", () => {
    expect(localeFromAcceptLanguage(null)).toBeNull();
    expect(localeFromAcceptLanguage(undefined)).toBeNull();
  });
});

describe("resolveLocale", () => {
  it("prefers the user's setting, then the cookie, then the browser, then English", () => {
    expect(resolveLocale({ user: "ar", cookie: "en", acceptLanguage: "en" })).toBe("ar");
    expect(resolveLocale({ user: null, cookie: "ar", acceptLanguage: "en" })).toBe("ar");
    expect(resolveLocale({ cookie: "en", acceptLanguage: "ar" })).toBe("en");
    expect(resolveLocale({ acceptLanguage: "ar-SA,ar;q=0.9" })).toBe("ar");
    expect(resolveLocale({})).toBe("en");
  });

  it("ignores unsupported values at each step", () => {
    expect(resolveLocale({ user: "fr", cookie: "de", acceptLanguage: "ar" })).toBe("ar");
    expect(resolveLocale({ user: "", cookie: "<script>", acceptLanguage: "es" })).toBe("en");
  });
});

describe("isLocale / dir", () => {
  it("knows exactly en and ar", () => {
    expect(isLocale("en")).toBe(true);
    expect(isLocale("ar")).toBe(true);
    for (const x of ["EN", "ar-SA", "", null, undefined, 1, "toString"]) expect(isLocale(x), String(x)).toBe(false);
  });

  it("lays Arabic out right-to-left", () => {
    expect(dir("ar")).toBe("rtl");
    expect(dir("en")).toBe("ltr");
  });
});
