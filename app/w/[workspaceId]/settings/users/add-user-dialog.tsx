"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Controller, useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { fieldErrorText } from "@/app/components/field-error";
import type { Role } from "@/lib/access/matrix";
import { useI18n } from "@/lib/i18n/client";
import { inviteSchema, type InviteInput } from "@/lib/validation/users";
import { inviteUser, resendInvitationAction } from "./actions";
import { Dialog, DialogActions, FormAlert } from "@/app/components/dialog";
import { buttonClass, cx, inputClass } from "@/app/components/styles";
import { useNotice } from "@/app/components/notice";
import { RestrictionFields, RoleRadios } from "./restriction-fields";
import { Icon } from "@/app/components/icons";
import { AccessUntilFields, untilPayload, untilValue, type AccessUntilValue } from "./access-until-fields";
import { BulkInvitePanel } from "./bulk-invite-panel";

type InviteValues = z.output<typeof inviteSchema>;

/** The "Add user" button at the top of the page and its dialog (docs/PRODUCT.md, Users page "Add user"). */
export function AddUserButton({ workspaceId, roles }: { workspaceId: string; roles: Role[] }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} className={buttonClass()} data-testid="add-user">
        <Icon name="plus" className="size-4" />
        {t("users.add")}
      </button>
      {open ? <AddUserDialog workspaceId={workspaceId} roles={roles} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function AddUserDialog({ workspaceId, roles, onClose }: { workspaceId: string; roles: Role[]; onClose: () => void }) {
  const { t } = useI18n();
  const [mode, setMode] = useState<"one" | "many">("one");
  return (
    <Dialog
      title={t("users.addDialog.title")}
      description={mode === "one" ? t("users.addDialog.lead") : undefined}
      onClose={onClose}
      size={mode === "many" ? "lg" : "md"}
    >
      <div
        role="group"
        aria-label={t("users.addDialog.title")}
        className="mb-5 inline-flex rounded-lg border border-gray-300 p-0.5"
      >
        {(["one", "many"] as const).map((m) => (
          <button
            key={m}
            type="button"
            aria-pressed={mode === m}
            onClick={() => setMode(m)}
            data-testid={`add-mode-${m}`}
            className={cx(
              "rounded-md px-3 py-1.5 text-sm font-medium",
              mode === m ? "bg-brand-600 text-white" : "text-gray-700 hover:bg-gray-100",
            )}
          >
            {m === "one" ? t("users.addDialog.modeOne") : t("users.addDialog.modeMany")}
          </button>
        ))}
      </div>
      {mode === "one" ? (
        <SingleInviteForm workspaceId={workspaceId} roles={roles} onClose={onClose} />
      ) : (
        <BulkInvitePanel workspaceId={workspaceId} roles={roles} onClose={onClose} />
      )}
    </Dialog>
  );
}

function SingleInviteForm({
  workspaceId,
  roles,
  onClose,
}: {
  workspaceId: string;
  roles: Role[];
  onClose: () => void;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const notice = useNotice();
  const [general, setGeneral] = useState<string | null>(null);
  // Set when the address already has a pending invitation: offer to send it again.
  const [resendId, setResendId] = useState<string | null>(null);
  const [resending, setResending] = useState(false);
  const [until, setUntil] = useState<AccessUntilValue>(() => untilValue(null));
  const [untilError, setUntilError] = useState<string | null>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    getValues,
    setValue,
    formState: { errors, isSubmitting },
  } = useForm<InviteInput, unknown, InviteValues>({
    resolver: zodResolver(inviteSchema),
    defaultValues: { email: "", role: roles.includes("agent") ? "agent" : roles[0], roleId: null, restrictions: [] },
  });
  const role = useWatch({ control, name: "role" });
  const roleId = useWatch({ control, name: "roleId" }) ?? null;

  const onSubmit = handleSubmit(async (values) => {
    setGeneral(null);
    setResendId(null);
    setUntilError(null);
    if (until.date && until.handOver && !until.heir) {
      setUntilError(t("users.accessUntil.chooseMember"));
      return;
    }
    const accessUntil = untilPayload(until);
    const result = await inviteUser(workspaceId, { ...values, ...(accessUntil ? { accessUntil } : {}) });
    if (!result.ok) {
      const fields = result.fieldErrors ?? {};
      const untilMessage = fields.accessUntil ?? fields["accessUntil.at"];
      if (untilMessage) setUntilError(untilMessage);
      for (const [field, message] of Object.entries(fields)) {
        if (field === "email" || field === "role")
          setError(field, { type: "server", message }, { shouldFocus: field === "email" });
      }
      if (result.details?.invitationId) setResendId(result.details.invitationId);
      if (!fields.email && !fields.role && !untilMessage) setGeneral(result.message);
      return;
    }
    notice(t("users.addDialog.sent", { email: values.email }));
    onClose();
    router.refresh();
  });

  async function resend() {
    if (!resendId) return;
    setResending(true);
    const result = await resendInvitationAction(workspaceId, { invitationId: resendId });
    setResending(false);
    if (!result.ok) {
      setGeneral(result.message);
      return;
    }
    notice(t("users.addDialog.resent", { email: getValues("email").trim() }));
    onClose();
    router.refresh();
  }

  const emailError = fieldErrorText(t, errors.email);
  const roleError = fieldErrorText(t, errors.role);
  return (
    <>
      <form onSubmit={onSubmit} noValidate className="grid gap-5" data-testid="add-user-form">
        <div>
          <label htmlFor="invite-email" className="block text-sm font-medium text-gray-800">
            {t("users.addDialog.email")}
          </label>
          <input
            id="invite-email"
            type="email"
            dir="ltr"
            autoComplete="off"
            data-autofocus
            placeholder={t("users.addDialog.emailPlaceholder")}
            aria-invalid={emailError ? true : undefined}
            aria-describedby={emailError ? "invite-email-error" : undefined}
            className={`${inputClass} text-start`}
            {...register("email", { onChange: () => setResendId(null) })}
          />
          {emailError ? (
            <div id="invite-email-error" className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1">
              <p role="alert" className="text-sm text-red-600">
                {emailError}
              </p>
              {resendId ? (
                <button
                  type="button"
                  onClick={resend}
                  disabled={resending}
                  className={cx(
                    "text-sm font-semibold text-brand-600 hover:text-brand-700",
                    "hover:underline disabled:opacity-60",
                  )}
                >
                  {resending ? t("users.addDialog.resending") : t("users.addDialog.resend")}
                </button>
              ) : null}
            </div>
          ) : null}
        </div>
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
                setValue("roleId", c.roleId);
              }}
              error={roleError}
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
        <AccessUntilFields
          workspaceId={workspaceId}
          exceptUserId={null}
          value={until}
          onChange={(v) => {
            setUntil(v);
            setUntilError(null);
          }}
          error={untilError}
        />
        <FormAlert message={general} />
        <DialogActions>
          <button type="button" onClick={onClose} className={buttonClass("secondary")}>
            {t("common.cancel")}
          </button>
          <button type="submit" disabled={isSubmitting} className={buttonClass()}>
            {isSubmitting ? t("users.addDialog.submitting") : t("users.addDialog.submit")}
          </button>
        </DialogActions>
      </form>
    </>
  );
}
