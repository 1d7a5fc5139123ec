"use client";
import { useState, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { Controller, useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { fieldErrorText } from "@/app/components/field-error";
import type { ActionResult } from "@/lib/actions/result";
import { cleanRestrictions, type Role } from "@/lib/access/matrix";
import { useI18n } from "@/lib/i18n/client";
import { accessSchema, type AccessInput } from "@/lib/validation/users";
import { Dialog, DialogActions, FormAlert } from "@/app/components/dialog";
import { buttonClass } from "@/app/components/styles";
import { useNotice } from "@/app/components/notice";
import { RestrictionFields, RoleRadios } from "./restriction-fields";
import {
  AccessUntilFields,
  sameUntil,
  untilPayload,
  untilValue,
  type AccessUntilItem,
  type AccessUntilValue,
} from "./access-until-fields";

type Access = z.output<typeof accessSchema>;

/**
 * Level + restrictions and the optional end of access in a dialog: edit a member's access, or change a pending
 * invitation's. The caller says what to submit to and what to announce.
 */
export function AccessDialog({
  title,
  description,
  roles,
  initial,
  testId,
  submit,
  savedMessage,
  onDone,
  onClose,
  until,
}: {
  title: string;
  description: ReactNode;
  roles: Role[];
  initial: { role: Role; roleId?: string | null; restrictions: string[] };
  testId: string;
  submit: (access: Access & { accessUntil?: ReturnType<typeof untilPayload> }) => Promise<ActionResult<unknown>>;
  savedMessage: string;
  /** Instead of announcing `savedMessage` and closing: hand the result on (a bulk action's report). */
  onDone?: (data: unknown) => void;
  onClose: () => void;
  /** The end of access it starts from, and whose it is (never offered as the one receiving the contacts). */
  until?: { workspaceId: string; initial: AccessUntilItem | null; exceptUserId: string | null };
}) {
  const { t } = useI18n();
  const router = useRouter();
  const notice = useNotice();
  const [general, setGeneral] = useState<string | null>(null);
  const [startUntil] = useState(() => untilValue(until?.initial ?? null));
  const [untilState, setUntilState] = useState<AccessUntilValue>(startUntil);
  const [untilError, setUntilError] = useState<string | null>(null);
  const untilDirty = !sameUntil(untilState, startUntil);
  const {
    control,
    handleSubmit,
    setError,
    setValue,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<AccessInput, unknown, Access>({
    resolver: zodResolver(accessSchema),
    defaultValues: {
      role: initial.role,
      roleId: initial.roleId ?? null,
      restrictions: cleanRestrictions(initial.role, initial.restrictions, Boolean(initial.roleId)),
    },
  });
  const role = useWatch({ control, name: "role" });
  const roleId = useWatch({ control, name: "roleId" }) ?? null;

  const onSubmit = handleSubmit(async (values) => {
    setGeneral(null);
    setUntilError(null);
    if (untilState.date && untilState.handOver && !untilState.heir) {
      setUntilError(t("users.accessUntil.chooseMember"));
      return;
    }
    const result = await submit({ ...values, ...(until ? { accessUntil: untilPayload(untilState) } : {}) });
    if (!result.ok) {
      const untilMessage = result.fieldErrors?.accessUntil ?? result.fieldErrors?.["accessUntil.at"];
      if (result.fieldErrors?.role) setError("role", { type: "server", message: result.fieldErrors.role });
      else if (untilMessage) setUntilError(untilMessage);
      else setGeneral(result.message);
      return;
    }
    router.refresh();
    if (onDone) return onDone(result.data);
    notice(savedMessage);
    onClose();
  });

  return (
    <Dialog title={title} description={description} onClose={onClose}>
      <form onSubmit={onSubmit} noValidate className="grid gap-5" data-testid={testId}>
        <Controller
          control={control}
          name="role"
          render={({ field }) => (
            <RoleRadios
              roles={roles}
              value={field.value}
              roleId={roleId}
              onChange={field.onChange}
              onChoose={(c) => {
                field.onChange(c.role);
                setValue("roleId", c.roleId, { shouldDirty: true });
              }}
              error={fieldErrorText(t, errors.role)}
            />
          )}
        />
        <Controller
          control={control}
          name="restrictions"
          render={({ field }) => (
            <RestrictionFields
              role={role}
              custom={roleId !== null}
              value={field.value ?? []}
              onChange={field.onChange}
            />
          )}
        />
        {until ? (
          <AccessUntilFields
            workspaceId={until.workspaceId}
            exceptUserId={until.exceptUserId}
            value={untilState}
            onChange={(v) => {
              setUntilState(v);
              setUntilError(null);
            }}
            error={untilError}
          />
        ) : null}
        <FormAlert message={general} />
        <DialogActions>
          <button type="button" onClick={onClose} className={buttonClass("secondary")}>
            {t("common.cancel")}
          </button>
          <button
            type="submit"
            disabled={isSubmitting || (!isDirty && !untilDirty && !onDone)}
            className={buttonClass()}
          >
            {isSubmitting ? t("users.editDialog.submitting") : t("users.editDialog.submit")}
          </button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
