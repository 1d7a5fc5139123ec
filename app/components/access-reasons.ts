// The explainer's reasons as plain sentences (Explain access on the Users page, Who can see this contact).
import type { AccessExplanation, Reason } from "@/lib/access/explain";
import type { Permission } from "@/lib/access/matrix";
import type { Translator } from "@/lib/i18n/translate";

/** The catalog key of a permission (the catalog has no dots in its keys). */
export const permissionKey = (p: Permission) => p.replace(".", "_") as "dashboard_view";

/** A reason as a plain sentence ("Denied: the restriction “no data export” takes it away"). */
export function reasonText(t: Translator, reason: Reason): string {
  switch (reason.kind) {
    case "level":
      return t(`users.explain.reason.${reason.grants ? "levelGrants" : "levelDenies"}`, {
        level: t(`common.roles.${reason.level}`),
      });
    case "role":
      return t(`users.explain.reason.${reason.grants ? "roleGrants" : "roleDenies"}`, { name: reason.name });
    case "base":
      return t("users.explain.reason.base", { level: t(`common.roles.${reason.level}`) });
    case "needs":
      return t("users.explain.reason.needs", {
        permission: t(`users.explain.permissions.${permissionKey(reason.permission)}`),
      });
    case "option":
      return t("users.explain.reason.option");
    case "restriction":
      return t("users.explain.reason.restriction", { restriction: t(`users.access.short.${reason.restriction}`) });
  }
}

/** Why the member sees the contacts they see: the level, the role or a restriction. */
export function visibilityWhy(t: Translator, v: AccessExplanation["visibility"]): string {
  const r = v.reason;
  if (r.kind === "level") return t("users.explain.visibilityWhy.level", { level: t(`common.roles.${r.level}`) });
  if (r.kind === "role") return t("users.explain.visibilityWhy.role", { name: r.name });
  return t("users.explain.visibilityWhy.restriction", { restriction: t(`users.access.short.${r.restriction}`) });
}
