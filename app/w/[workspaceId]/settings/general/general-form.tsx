"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { fieldErrorText } from "@/app/components/field-error";
import { useI18n } from "@/lib/i18n/client";
import { renameWorkspaceSchema, type RenameWorkspaceInput } from "@/lib/validation/settings";
import { buttonClass, inputClass } from "@/app/components/styles";
import { renameWorkspaceAction } from "./actions";

export function GeneralForm({ workspaceId, name }: { workspaceId: string; name: string }) {
  const { t } = useI18n();
  const router = useRouter();
  const [status, setStatus] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting, isDirty },
    reset,
  } = useForm<RenameWorkspaceInput, unknown, z.output<typeof renameWorkspaceSchema>>({
    resolver: zodResolver(renameWorkspaceSchema),
    defaultValues: { name },
  });

  const onSubmit = handleSubmit(async (values) => {
    setStatus(null);
    const result = await renameWorkspaceAction(workspaceId, values);
    if (!result.ok) {
      if (result.fieldErrors?.name)
        setError("name", { type: "server", message: result.fieldErrors.name }, { shouldFocus: true });
      else setStatus({ kind: "error", text: result.message });
      return;
    }
    reset({ name: result.data.name });
    setStatus({ kind: "ok", text: t("settings.general.saved") });
    router.refresh();
  });

  const nameError = fieldErrorText(t, errors.name);
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-5" data-testid="general-form">
      <div>
        <label htmlFor="workspace-name" className="block text-sm font-medium text-gray-800">
          {t("settings.general.nameLabel")}
        </label>
        <input
          id="workspace-name"
          autoComplete="off"
          maxLength={200}
          aria-invalid={nameError ? true : undefined}
          aria-describedby={nameError ? "workspace-name-error" : "workspace-name-hint"}
          className={inputClass}
          {...register("name")}
        />
        {nameError ? (
          <p id="workspace-name-error" role="alert" className="mt-1 text-sm text-red-600">
            {nameError}
          </p>
        ) : (
          <p id="workspace-name-hint" className="mt-1 text-sm text-gray-500">
            {t("settings.general.nameHint")}
          </p>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={isSubmitting || !isDirty} className={buttonClass()} data-testid="general-save">
          {isSubmitting ? t("settings.saving") : t("common.save")}
        </button>
        <p
          role="status"
          aria-live="polite"
          className={`text-sm ${status?.kind === "error" ? "text-red-700" : "text-emerald-700"}`}
        >
          {status?.text}
        </p>
      </div>
    </form>
  );
}
