import { cleanRestrictions, type Role } from "@/lib/access/matrix";
import type { Translator } from "@/lib/i18n/translate";

/** Localised short names of a level's restrictions, canonical order ("no data export, …"). */
export function restrictionLabels(t: Translator, role: Role, restrictions: readonly string[]): string[] {
  return cleanRestrictions(role, restrictions).map((r) => t(`users.access.short.${r}`));
}

const listFormats = new Map<string, Intl.ListFormat>();

/** "a, b, c" in the locale's short list style (one formatter per locale: building one costs ~0.1 ms). */
export function shortList(locale: string, labels: readonly string[]): string {
  let format = listFormats.get(locale);
  if (!format) listFormats.set(locale, (format = new Intl.ListFormat(locale, { style: "short", type: "unit" })));
  return format.format(labels);
}

/** "Agent (only own contacts, snippets hidden)" or just "Owner". */
export function accessSummary(t: Translator, locale: string, role: Role, restrictions: readonly string[]): string {
  const name = t(`common.roles.${role}`);
  const labels = restrictionLabels(t, role, restrictions);
  if (labels.length === 0) return name;
  return t("users.access.withRestrictions", { role: name, restrictions: shortList(locale, labels) });
}
