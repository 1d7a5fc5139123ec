import { cleanRestrictions, type Role } from "@/lib/access/matrix";
import type { Translator } from "@/lib/i18n/translate";

/** Localised short names of a level's restrictions, canonical order ("no data export, …"). */
export function restrictionLabels(t: Translator, role: Role, restrictions: readonly string[]): string[] {
  return cleanRestrictions(role, restrictions).map((r) => t(`users.access.short.${r}`));
}

/** "Agent (only own contacts, snippets hidden)" or just "Owner". */
export function accessSummary(t: Translator, locale: string, role: Role, restrictions: readonly string[]): string {
  const name = t(`common.roles.${role}`);
  const labels = restrictionLabels(t, role, restrictions);
  if (labels.length === 0) return name;
  const list = new Intl.ListFormat(locale, { style: "short", type: "unit" }).format(labels);
  return t("users.access.withRestrictions", { role: name, restrictions: list });
}
