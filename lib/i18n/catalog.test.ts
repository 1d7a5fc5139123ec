import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { catalogs } from "./catalog";
import { createTranslator, type MessageKey } from "./translate";

// Every English message has an Arabic one: present, non-empty, and with the same ICU
// arguments (a translation that drops {name} or turns a plural into plain text is a bug).

function leaves(node: unknown, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof node === "string") out.set(prefix, node);
  else if (node && typeof node === "object")
    for (const [k, v] of Object.entries(node))
      for (const [p, s] of leaves(v, prefix ? `${prefix}.${k}` : k)) out.set(p, s);
  return out;
}

// ICU element types (the parser's TYPE enum): 1 argument, 2 number, 3 date, 4 time, 5 select, 6 plural, 8 tag.
const KIND: Record<number, string> = {
  1: "value",
  2: "value",
  3: "date",
  4: "time",
  5: "select",
  6: "plural",
  8: "tag",
};
interface El {
  type: number;
  value?: string;
  options?: Record<string, { value: El[] }>;
  children?: El[];
}

function icuArguments(message: string, locale: string): Set<string> {
  const found = new Set<string>();
  const walk = (els: El[]) => {
    for (const el of els) {
      if (KIND[el.type] && el.value) found.add(`${el.value}:${KIND[el.type]}`);
      for (const option of Object.values(el.options ?? {})) walk(option.value);
      if (el.children) walk(el.children);
    }
  };
  walk(new IntlMessageFormat(message, locale).getAst() as unknown as El[]);
  return found;
}

const en = leaves(catalogs.en);
const ar = leaves(catalogs.ar);

describe("message catalogs", () => {
  it("has English messages to check", () => {
    expect(en.size).toBeGreaterThan(20);
  });

  it("has every English key in Arabic, with a non-empty value", () => {
    const missing = [...en.keys()].filter((k) => !ar.has(k) || !ar.get(k)!.trim());
    expect(missing).toEqual([]);
  });

  it("has no Arabic key that English lacks", () => {
    expect([...ar.keys()].filter((k) => !en.has(k))).toEqual([]);
  });

  it("parses every message as ICU in both languages", () => {
    const broken: string[] = [];
    for (const [locale, messages] of [
      ["en", en],
      ["ar", ar],
    ] as const)
      for (const [key, message] of messages) {
        try {
          new IntlMessageFormat(message, locale);
        } catch (e) {
          broken.push(`${locale}:${key}: ${(e as Error).message}`);
        }
      }
    expect(broken).toEqual([]);
  });

  it("uses the same ICU arguments in Arabic as in English", () => {
    const mismatches: string[] = [];
    for (const [key, message] of en) {
      if (!ar.has(key)) continue;
      const a = [...icuArguments(message, "en")].sort().join(", ");
      const b = [...icuArguments(ar.get(key)!, "ar")].sort().join(", ");
      if (a !== b) mismatches.push(`${key}: en {${a}} ≠ ar {${b}}`);
    }
    expect(mismatches).toEqual([]);
  });

  it("really translates: most Arabic messages contain Arabic script", () => {
    const arabic = [...ar.values()].filter((m) => /[\u0600-\u06FF]/.test(m)).length;
    expect(arabic / ar.size).toBeGreaterThan(0.9);
  });

  it("formats every Arabic plural message for each Arabic plural category", () => {
    const t = createTranslator("ar", catalogs.ar);
    const plurals = [...ar].filter(([, m]) => [...icuArguments(m, "ar")].some((a) => a.endsWith(":plural")));
    const failures: string[] = [];
    for (const [key, message] of plurals) {
      const names = [...icuArguments(message, "ar")].map((a) => a.split(":"));
      for (const count of [0, 1, 2, 3, 11, 100]) {
        const values: Record<string, string | number | Date> = {};
        for (const [name, kind] of names)
          values[name] =
            kind === "date" || kind === "time"
              ? new Date(0)
              : kind === "select"
                ? "other"
                : name === "count"
                  ? count
                  : count;
        const out = t(key as MessageKey, values);
        if (out === key || out === message || /[{}]/.test(out)) failures.push(`${key} (${count}) → ${out}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
