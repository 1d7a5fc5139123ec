import { IntlMessageFormat } from "intl-messageformat";
import type { Locale } from "./locales";
import type { Messages } from "./messages/en";

// Dot paths of the catalog: "auth.signin.title" and so on.
type Paths<T, P extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Paths<T[K], `${P}${K}.`>;
}[keyof T & string];
export type MessageKey = Paths<Messages>;
export type MessageValues = Record<string, string | number | Date>;
export type Translator = (key: MessageKey, values?: MessageValues) => string;

const cache = new Map<string, IntlMessageFormat>();

function lookup(messages: unknown, key: string): string | undefined {
  let node: unknown = messages;
  for (const part of key.split(".")) {
    if (node && typeof node === "object" && part in node) node = (node as Record<string, unknown>)[part];
    else return undefined;
  }
  return typeof node === "string" ? node : undefined;
}

/** ICU messages (plurals, select, dates) through intl-messageformat; Arabic plural forms included. */
export function createTranslator(locale: Locale, messages: Messages): Translator {
  return (key, values) => {
    const source = lookup(messages, key);
    if (source === undefined) return key;
    const id = `${locale}\u0000${key}`;
    let format = cache.get(id);
    if (!format || format.getAst() === undefined) {
      format = new IntlMessageFormat(source, locale);
      cache.set(id, format);
    }
    try {
      return String(format.format(values));
    } catch {
      return source;
    }
  };
}

/** Translate a string that may be a catalog key (e.g. a zod message); unknown text falls back. */
export function translateKey(
  t: Translator,
  key: string | undefined,
  fallback: MessageKey,
  values?: MessageValues,
): string {
  if (!key) return t(fallback);
  const out = t(key as MessageKey, values);
  return out === key ? t(fallback) : out;
}
