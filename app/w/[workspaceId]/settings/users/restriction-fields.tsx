"use client";
import { useId } from "react";
import { MANAGER_RESTRICTIONS, type Role } from "@/lib/access/matrix";
import { useI18n } from "@/lib/i18n/client";
import { cx } from "@/app/components/styles";
import { useCustomRoles } from "./custom-roles";

type Visibility = "all" | "see_team" | "see_self";
const VISIBILITY: readonly Visibility[] = ["all", "see_team", "see_self"];
const VISIBILITY_LABEL = {
  all: "users.access.agent.all",
  see_team: "users.access.agent.team",
  see_self: "users.access.agent.self",
} as const;

const checkbox = "mt-0.5 size-4 shrink-0 rounded border-gray-300 text-brand-600 focus:ring-brand-500";
const legend = "text-sm font-medium text-gray-800";

const radioBox = (checked: boolean) =>
  cx(
    "flex cursor-pointer items-start gap-3 rounded-lg border px-3 py-2.5",
    checked ? "border-brand-500 bg-brand-50" : "border-gray-200 hover:bg-gray-50",
  );
const radio = "mt-0.5 size-4 shrink-0 border-gray-300 text-brand-600 focus:ring-brand-500";

/**
 * The access radios: the levels the acting user may grant and, with `onChoose`, the custom roles they may grant
 * (from the page's CustomRolesProvider) — a role choice {role, roleId}.
 */
export function RoleRadios({
  roles,
  value,
  roleId = null,
  onChange,
  onChoose,
  error,
}: {
  roles: readonly Role[];
  value: Role;
  roleId?: string | null;
  onChange: (role: Role) => void;
  onChoose?: (choice: { role: Role; roleId: string | null }) => void;
  error?: string;
}) {
  const { t } = useI18n();
  const name = useId();
  const errorId = `${name}-error`;
  const custom = useCustomRoles();
  const offered = onChoose ? custom : [];
  const pickLevel = (role: Role) => (onChoose ? onChoose({ role, roleId: null }) : onChange(role));
  return (
    <fieldset aria-describedby={error ? errorId : undefined}>
      <legend className={legend}>{t("users.access.level")}</legend>
      <div className="mt-2 grid gap-2">
        {roles.map((role) => {
          const checked = value === role && !roleId;
          return (
            <label key={role} className={radioBox(checked)}>
              <input
                type="radio"
                name={name}
                value={role}
                checked={checked}
                onChange={() => pickLevel(role)}
                className={radio}
              />
              <span>
                <span className="block font-medium text-gray-900">{t(`common.roles.${role}`)}</span>
                <span className="block text-xs text-gray-600">{t(`users.access.roleHint.${role}`)}</span>
              </span>
            </label>
          );
        })}
      </div>
      {offered.length ? (
        <>
          <p className="mt-3 text-xs font-semibold tracking-wide text-gray-500 uppercase">{t("roles.choice.custom")}</p>
          <div className="mt-2 grid gap-2" data-testid="custom-role-choices">
            {offered.map((r) => {
              const checked = roleId === r.id;
              return (
                <label key={r.id} className={radioBox(checked)}>
                  <input
                    type="radio"
                    name={name}
                    value={r.id}
                    checked={checked}
                    onChange={() => onChoose?.({ role: r.base, roleId: r.id })}
                    className={radio}
                    data-testid={`role-choice-${r.name}`}
                  />
                  <span>
                    <span className="block font-medium text-gray-900">
                      <bdi>{r.name}</bdi>
                    </span>
                    <span className="block text-xs text-gray-600">
                      {t("roles.choice.customHint", { base: t(`common.roles.${r.base}`) })}
                    </span>
                  </span>
                </label>
              );
            })}
          </div>
        </>
      ) : null}
      {error ? (
        <p id={errorId} role="alert" className="mt-1 text-sm text-red-600">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/**
 * The restrictions of one level only (docs/PERMISSIONS.md): Manager → four checkboxes; Agent →
 * contact visibility (all / own and team / only own), hide snippets, contacts module.
 * `value` may hold other levels' restrictions; the shared schema drops them on submit.
 */
export function RestrictionFields({
  role,
  value,
  onChange,
  custom = false,
}: {
  role: Role;
  value: readonly string[];
  onChange: (next: string[]) => void;
  /** A custom role is chosen: its permissions decide the contacts module, so that option is not offered. */
  custom?: boolean;
}) {
  const { t } = useI18n();
  const id = useId();
  const toggle = (r: string, on: boolean) =>
    onChange(on ? [...value.filter((x) => x !== r), r] : value.filter((x) => x !== r));

  if (role === "owner") return <p className="text-sm text-gray-600">{t("users.access.ownerNone")}</p>;

  if (role === "manager") {
    return (
      <fieldset>
        <legend className={legend}>{t("users.access.manager.legend")}</legend>
        <div className="mt-2 grid gap-2">
          {MANAGER_RESTRICTIONS.map((r) => (
            <label key={r} className="flex cursor-pointer items-start gap-3">
              <input
                type="checkbox"
                className={checkbox}
                checked={value.includes(r)}
                onChange={(e) => toggle(r, e.target.checked)}
              />
              <span className="text-gray-800">{t(`users.access.manager.${r}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
    );
  }

  const visibility: Visibility = value.includes("see_self")
    ? "see_self"
    : value.includes("see_team")
      ? "see_team"
      : "all";
  const setVisibility = (v: Visibility) =>
    onChange([...value.filter((x) => x !== "see_team" && x !== "see_self"), ...(v === "all" ? [] : [v])]);
  return (
    <div className="grid gap-4">
      <fieldset aria-describedby={`${id}-visibility-hint`}>
        <legend className={legend}>{t("users.access.agent.visibility")}</legend>
        <div className="mt-2 grid gap-2">
          {VISIBILITY.map((v) => (
            <label key={v} className="flex cursor-pointer items-start gap-3">
              <input
                type="radio"
                name={`${id}-visibility`}
                value={v}
                checked={visibility === v}
                onChange={() => setVisibility(v)}
                className="mt-0.5 size-4 shrink-0 border-gray-300 text-brand-600 focus:ring-brand-500"
              />
              <span className="text-gray-800">{t(VISIBILITY_LABEL[v])}</span>
            </label>
          ))}
        </div>
        <p id={`${id}-visibility-hint`} className="mt-1 text-xs text-gray-500">
          {t("users.access.agent.visibilityHint")}
        </p>
      </fieldset>
      <fieldset>
        <legend className={legend}>{t("users.access.agent.options")}</legend>
        <div className="mt-2 grid gap-2">
          {(custom ? (["no_snippets"] as const) : (["no_snippets", "contacts"] as const)).map((r) => (
            <label key={r} className="flex cursor-pointer items-start gap-3">
              <input
                type="checkbox"
                className={checkbox}
                checked={value.includes(r)}
                onChange={(e) => toggle(r, e.target.checked)}
                aria-describedby={`${id}-${r}-hint`}
              />
              <span>
                <span className="block text-gray-800">{t(`users.access.agent.${r}`)}</span>
                <span id={`${id}-${r}-hint`} className="block text-xs text-gray-500">
                  {t(`users.access.agent.${r}Hint`)}
                </span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
