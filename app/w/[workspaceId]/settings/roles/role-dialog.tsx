"use client";
import { useId, useState } from "react";
import { Controller, useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { fieldErrorText } from "@/app/components/field-error";
import type { ActionResult } from "@/lib/actions/result";
import {
  cleanPermissions,
  NOT_FOR_BASE,
  PERMISSION_NEEDS,
  ROLES,
  VISIBILITIES,
  type Permission,
  type Role,
} from "@/lib/access/matrix";
import { useI18n } from "@/lib/i18n/client";
import { roleFormSchema, type RoleFormInput, type RoleFormValues } from "@/lib/validation/roles";
import { Dialog, DialogActions, FormAlert } from "@/app/components/dialog";
import { buttonClass, cx, inputClass } from "@/app/components/styles";

/** A permission's plain label (catalog keys cannot hold the permission's dot: "reports.view" → reports_view). */
export const permissionLabel = (p: Permission) => `roles.permission.${p.replace(".", "_") as "reports_view"}` as const;

/** The permission checkboxes, grouped by module (docs/PRODUCT.md, Roles). */
export const PERMISSION_GROUPS: {
  key: "workspace" | "inbox" | "contacts" | "settings" | "account";
  permissions: Permission[];
}[] = [
  { key: "workspace", permissions: ["dashboard.view", "reports.view"] },
  { key: "inbox", permissions: ["inbox.view", "snippets.use"] },
  { key: "contacts", permissions: ["contacts.view", "contacts.edit", "contacts.delete", "data.export"] },
  {
    key: "settings",
    permissions: ["settings.view", "settings.manage", "integrations.manage", "users.manage", "audit.view"],
  },
  { key: "account", permissions: ["account.edit"] },
];

const checkbox =
  "mt-0.5 size-4 shrink-0 rounded border-gray-300 text-brand-600 focus:ring-brand-500 disabled:opacity-50";
const legend = "text-sm font-medium text-gray-800";

export interface RoleDialogInitial {
  name: string;
  base: Role;
  permissions: readonly Permission[];
  visibility: "all" | "team" | "self";
}

/**
 * Create or edit a custom role: name, base level (chosen on create, shown fixed on edit), permissions and,
 * for an Agent-based role, which contacts it sees. Server field errors land on their field.
 */
export function RoleDialog({
  mode,
  initial,
  onSubmit,
  onClose,
  onDone,
}: {
  mode: "create" | "edit";
  initial: RoleDialogInitial;
  onSubmit: (values: RoleFormValues) => Promise<ActionResult<unknown>>;
  onClose: () => void;
  onDone: (name: string) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [general, setGeneral] = useState<string | null>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    setValue,
    getValues,
    formState: { errors, isSubmitting },
  } = useForm<RoleFormInput, unknown, RoleFormValues>({
    resolver: zodResolver(roleFormSchema),
    defaultValues: {
      name: initial.name,
      base: initial.base,
      permissions: cleanPermissions(initial.base, initial.permissions),
      visibility: initial.visibility,
    },
  });
  const base = useWatch({ control, name: "base" }) as Role;
  const submit = handleSubmit(async (values) => {
    setGeneral(null);
    const result = await onSubmit({ ...values, permissions: cleanPermissions(values.base, values.permissions) });
    if (!result.ok) {
      if (result.fieldErrors?.name)
        setError("name", { type: "server", message: result.fieldErrors.name }, { shouldFocus: true });
      else setGeneral(result.message);
      return;
    }
    onDone(values.name.trim());
  });
  const nameError = fieldErrorText(t, errors.name);
  return (
    <Dialog
      title={t(mode === "create" ? "roles.dialog.createTitle" : "roles.dialog.editTitle")}
      onClose={onClose}
      size="lg"
    >
      <form onSubmit={submit} noValidate className="grid gap-5" data-testid="role-form">
        <div>
          <label htmlFor={`${id}-name`} className="block text-sm font-medium text-gray-800">
            {t("roles.dialog.name")}
          </label>
          <input
            id={`${id}-name`}
            autoFocus
            autoComplete="off"
            dir="auto"
            aria-invalid={nameError ? true : undefined}
            aria-describedby={`${id}-name-hint${nameError ? ` ${id}-name-error` : ""}`}
            className={inputClass}
            data-testid="role-name"
            {...register("name")}
          />
          <p id={`${id}-name-hint`} className="mt-1 text-xs text-gray-500">
            {t("roles.dialog.nameHint")}
          </p>
          {nameError ? (
            <p id={`${id}-name-error`} role="alert" className="mt-1 text-sm text-red-600">
              {nameError}
            </p>
          ) : null}
        </div>
        {mode === "create" ? (
          <Controller
            control={control}
            name="base"
            render={({ field }) => (
              <fieldset aria-describedby={`${id}-base-hint`}>
                <legend className={legend}>{t("roles.dialog.base")}</legend>
                <div className="mt-2 grid gap-2 sm:grid-cols-3">
                  {ROLES.map((role) => (
                    <label
                      key={role}
                      className={cx(
                        "flex cursor-pointer items-start gap-3 rounded-lg border px-3 py-2.5",
                        field.value === role ? "border-brand-500 bg-brand-50" : "border-gray-200 hover:bg-gray-50",
                      )}
                    >
                      <input
                        type="radio"
                        name={`${id}-base`}
                        value={role}
                        checked={field.value === role}
                        onChange={() => {
                          field.onChange(role);
                          setValue("permissions", cleanPermissions(role, getValues("permissions") ?? []));
                        }}
                        className="mt-0.5 size-4 shrink-0 border-gray-300 text-brand-600 focus:ring-brand-500"
                        data-testid={`role-base-${role}`}
                      />
                      <span className="font-medium text-gray-900">{t(`common.roles.${role}`)}</span>
                    </label>
                  ))}
                </div>
                <p id={`${id}-base-hint`} className="mt-1 text-xs text-gray-500">
                  {t("roles.dialog.baseHint")}
                </p>
              </fieldset>
            )}
          />
        ) : (
          <p className="text-sm text-gray-700" data-testid="role-base-fixed">
            {t("roles.dialog.baseFixed", { base: t(`common.roles.${initial.base}`) })}
          </p>
        )}
        <Controller
          control={control}
          name="permissions"
          render={({ field }) => {
            const value = (field.value ?? []) as Permission[];
            const toggle = (p: Permission, on: boolean) =>
              field.onChange(cleanPermissions(base, on ? [...value, p] : value.filter((x) => x !== p)));
            return (
              <fieldset>
                <legend className={legend}>{t("roles.dialog.permissions")}</legend>
                <div className="mt-2 grid gap-4 sm:grid-cols-2">
                  {PERMISSION_GROUPS.map((group) => (
                    <fieldset key={group.key} className="rounded-lg border border-gray-200 p-3">
                      <legend className="px-1 text-xs font-semibold tracking-wide text-gray-500 uppercase">
                        {t(`roles.groups.${group.key}`)}
                      </legend>
                      <div className="grid gap-2">
                        {group.permissions.map((p) => {
                          const need = PERMISSION_NEEDS[p];
                          const forbidden = NOT_FOR_BASE[base].includes(p);
                          const blocked = p === "account.edit" || forbidden || (need ? !value.includes(need) : false);
                          const hint = forbidden
                            ? t("roles.agentNoUsers")
                            : need && !value.includes(need)
                              ? t("roles.needs", { permission: t(permissionLabel(need)) })
                              : null;
                          return (
                            <label key={p} className="flex cursor-pointer items-start gap-3">
                              <input
                                type="checkbox"
                                className={checkbox}
                                checked={value.includes(p)}
                                disabled={blocked}
                                onChange={(e) => toggle(p, e.target.checked)}
                                data-testid={`role-permission-${p}`}
                                aria-describedby={hint ? `${id}-${p}-hint` : undefined}
                              />
                              <span>
                                <span className="block text-gray-800">{t(permissionLabel(p))}</span>
                                {hint ? (
                                  <span id={`${id}-${p}-hint`} className="block text-xs text-gray-500">
                                    {hint}
                                  </span>
                                ) : null}
                              </span>
                            </label>
                          );
                        })}
                      </div>
                    </fieldset>
                  ))}
                </div>
              </fieldset>
            );
          }}
        />
        {base === "agent" ? (
          <Controller
            control={control}
            name="visibility"
            render={({ field }) => (
              <fieldset>
                <legend className={legend}>{t("roles.dialog.visibility")}</legend>
                <div className="mt-2 grid gap-2 sm:grid-cols-3">
                  {VISIBILITIES.map((v) => (
                    <label key={v} className="flex cursor-pointer items-start gap-3">
                      <input
                        type="radio"
                        name={`${id}-visibility`}
                        value={v}
                        checked={field.value === v}
                        onChange={() => field.onChange(v)}
                        className="mt-0.5 size-4 shrink-0 border-gray-300 text-brand-600 focus:ring-brand-500"
                        data-testid={`role-visibility-${v}`}
                      />
                      <span className="text-gray-800">{t(`roles.visibilityOption.${v}`)}</span>
                    </label>
                  ))}
                </div>
              </fieldset>
            )}
          />
        ) : null}
        <FormAlert message={general} />
        <DialogActions>
          <button type="button" onClick={onClose} className={buttonClass("secondary")}>
            {t("roles.dialog.cancel")}
          </button>
          <button type="submit" disabled={isSubmitting} className={buttonClass()} data-testid="role-submit">
            {isSubmitting ? t("settings.saving") : t(mode === "create" ? "roles.dialog.create" : "roles.dialog.save")}
          </button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
