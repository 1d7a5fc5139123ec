"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Controller, useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { withIsolated } from "@/app/components/isolate";
import { fieldErrorText } from "@/app/components/field-error";
import { cleanRestrictions, type Role } from "@/lib/access/matrix";
import { useI18n } from "@/lib/i18n/client";
import { updateAccessSchema, type UpdateAccessInput } from "@/lib/validation/users";
import { updateMemberAccessAction } from "./actions";
import { Dialog, DialogActions, buttonClass } from "./dialog";
import { useNotice } from "./notice";
import { RestrictionFields, RoleRadios } from "./restriction-fields";

export interface EditTarget {
  userId: string;
  displayName: string;
  role: Role;
  restrictions: string[];
}

/** Change a member's level and restrictions (the server refuses self-edits and the last Owner). */
export function EditAccessDialog({ workspaceId, target, roles, onClose }: { workspaceId: string; target: EditTarget; roles: Role[]; onClose: () => void }) {
  const { t } = useI18n();
  const router = useRouter();
  const notice = useNotice();
  const [general, setGeneral] = useState<string | null>(null);
  const {
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<UpdateAccessInput, unknown, z.output<typeof updateAccessSchema>>({
    resolver: zodResolver(updateAccessSchema),
    defaultValues: { userId: target.userId, role: target.role, restrictions: cleanRestrictions(target.role, target.restrictions) },
  });
  const role = useWatch({ control, name: "role" });

  const onSubmit = handleSubmit(async (values) => {
    setGeneral(null);
    const result = await updateMemberAccessAction(workspaceId, values);
    if (!result.ok) {
      if (result.fieldErrors?.role) setError("role", { type: "server", message: result.fieldErrors.role });
      else setGeneral(result.message);
      return;
    }
    notice(t("users.editDialog.saved", { name: target.displayName }));
    onClose();
    router.refresh();
  });

  return (
    <Dialog
      title={t("users.editDialog.title")}
      description={withIsolated((v) => t("users.editDialog.lead", { name: v }), target.displayName)}
      onClose={onClose}
    >
      <form onSubmit={onSubmit} noValidate className="grid gap-5" data-testid="edit-access-form">
        <Controller
          control={control}
          name="role"
          render={({ field }) => <RoleRadios roles={roles} value={field.value} onChange={field.onChange} error={fieldErrorText(t, errors.role)} />}
        />
        <Controller
          control={control}
          name="restrictions"
          render={({ field }) => <RestrictionFields role={role} value={field.value ?? []} onChange={field.onChange} />}
        />
        {general ? (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
            {general}
          </p>
        ) : null}
        <DialogActions>
          <button type="button" onClick={onClose} className={buttonClass.secondary}>
            {t("common.cancel")}
          </button>
          <button type="submit" disabled={isSubmitting || !isDirty} className={buttonClass.primary}>
            {isSubmitting ? t("users.editDialog.submitting") : t("users.editDialog.submit")}
          </button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
