"use client";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { fieldErrorText } from "@/app/components/field-error";
import { useI18n } from "@/lib/i18n/client";
import type { ActionResult } from "@/lib/actions/result";
import { teamNameSchema, type TeamNameInput } from "@/lib/validation/settings";
import { Dialog, DialogActions } from "@/app/components/dialog";
import { buttonClass, inputClass } from "@/app/components/styles";

/** One name field (a team's): create or rename. Server field errors land on the field. */
export function NameDialog({
  title,
  label,
  initial = "",
  submitLabel,
  onSubmit,
  onClose,
  onDone,
}: {
  title: string;
  label: string;
  initial?: string;
  submitLabel: string;
  onSubmit: (name: string) => Promise<ActionResult<unknown>>;
  onClose: () => void;
  onDone: (name: string) => void;
}) {
  const { t } = useI18n();
  const [general, setGeneral] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<TeamNameInput, unknown, { name: string }>({
    resolver: zodResolver(teamNameSchema),
    defaultValues: { name: initial },
  });
  const submit = handleSubmit(async ({ name }) => {
    setGeneral(null);
    const result = await onSubmit(name);
    if (!result.ok) {
      if (result.fieldErrors?.name)
        setError("name", { type: "server", message: result.fieldErrors.name }, { shouldFocus: true });
      else setGeneral(result.message);
      return;
    }
    onDone(name);
  });
  const error = fieldErrorText(t, errors.name);
  return (
    <Dialog title={title} onClose={onClose} size="sm">
      <form onSubmit={submit} noValidate data-testid="name-form">
        <label htmlFor="name-dialog-input" className="block text-sm font-medium text-gray-800">
          {label}
        </label>
        <input
          id="name-dialog-input"
          autoFocus
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "name-dialog-error" : undefined}
          className={inputClass}
          {...register("name")}
        />
        {error ? (
          <p id="name-dialog-error" role="alert" className="mt-1 text-sm text-red-600">
            {error}
          </p>
        ) : null}
        {general ? (
          <p role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
            {general}
          </p>
        ) : null}
        <DialogActions>
          <button type="button" onClick={onClose} className={buttonClass("secondary")}>
            {t("common.cancel")}
          </button>
          <button type="submit" disabled={isSubmitting} className={buttonClass()}>
            {isSubmitting ? t("settings.saving") : submitLabel}
          </button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
