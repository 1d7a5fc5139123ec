import { describe, expect, it } from "vitest";
import type { Messages } from "./messages/en";
import { createTranslator, translateKey, type MessageKey } from "./translate";

// A private catalog: the behaviour of the translator, independent of today's wording.
const messages = {
  t: {
    hello: "Hello {name}",
    plain: "Plain text",
    members: "{count, plural, zero {لا أعضاء} one {عضو واحد} two {عضوان} few {# أعضاء} many {# عضوًا} other {# عضو}}",
    enMembers: "{count, plural, one {# member} other {# members}}",
    exact: "{count, plural, =0 {none} one {one} other {#}}",
    broken: "{count, plural, one {# x} other {# y}}",
  },
} as unknown as Messages;
const key = (k: string) => k as MessageKey;

describe("createTranslator", () => {
  it("interpolates arguments", () => {
    expect(createTranslator("en", messages)(key("t.hello"), { name: "Ann" })).toBe("Hello Ann");
  });

  it("picks each of the six Arabic plural forms", () => {
    const t = createTranslator("ar", messages);
    const ar = (n: number) => new Intl.NumberFormat("ar").format(n);
    expect(t(key("t.members"), { count: 0 })).toBe("لا أعضاء");
    expect(t(key("t.members"), { count: 1 })).toBe("عضو واحد");
    expect(t(key("t.members"), { count: 2 })).toBe("عضوان");
    expect(t(key("t.members"), { count: 3 })).toBe(`${ar(3)} أعضاء`);
    expect(t(key("t.members"), { count: 10 })).toBe(`${ar(10)} أعضاء`);
    expect(t(key("t.members"), { count: 11 })).toBe(`${ar(11)} عضوًا`);
    expect(t(key("t.members"), { count: 99 })).toBe(`${ar(99)} عضوًا`);
    expect(t(key("t.members"), { count: 100 })).toBe(`${ar(100)} عضو`);
    expect(t(key("t.members"), { count: 103 })).toBe(`${ar(103)} أعضاء`);
  });

  it("uses English plural rules for English", () => {
    const t = createTranslator("en", messages);
    expect(t(key("t.enMembers"), { count: 1 })).toBe("1 member");
    expect(t(key("t.enMembers"), { count: 0 })).toBe("0 members");
    expect(t(key("t.enMembers"), { count: 1500 })).toBe("1,500 members");
    expect(t(key("t.exact"), { count: 0 })).toBe("none");
  });

  it("answers the key itself for a missing message (visible, never a crash)", () => {
    expect(createTranslator("en", messages)(key("t.nope"))).toBe("t.nope");
    expect(createTranslator("en", messages)(key("t"))).toBe("t"); // a section, not a message
  });

  it("falls back to the source text when a value is missing", () => {
    expect(createTranslator("en", messages)(key("t.broken"))).toBe("{count, plural, one {# x} other {# y}}");
  });
});

describe("translateKey", () => {
  const t = createTranslator("en", messages);
  it("translates a known key and falls back for unknown text", () => {
    expect(translateKey(t, "t.plain", key("t.nope"))).toBe("Plain text");
    expect(translateKey(t, "Some raw zod message", key("t.plain"))).toBe("Plain text");
    expect(translateKey(t, "t.missing", key("t.plain"))).toBe("Plain text");
    expect(translateKey(t, undefined, key("t.plain"))).toBe("Plain text");
  });
});
