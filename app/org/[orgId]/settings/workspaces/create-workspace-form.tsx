"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { fieldErrorText } from "@/app/components/field-error";
import { useI18n } from "@/lib/i18n/client";
import { createWorkspaceSchema, type CreateWorkspaceInput } from "@/lib/validation/org";
import { buttonClass, inputClass } from "@/app/components/styles";
import { createWorkspaceAction } from "./actions";

export function CreateWorkspaceForm({ orgId }: { orgId: string }) {
  const { t } = useI18n();
  const router = useRouter();
  const [status, setStatus] = useState<{ kind: "ok" | "error"; text: string; id?: string } | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<CreateWorkspaceInput, unknown, z.output<typeof createWorkspaceSchema>>({
    resolver: zodResolver(createWorkspaceSchema),
    defaultValues: { name: "" },
  });
  const submit = handleSubmit(async (values) => {
    setStatus(null);
    const result = await createWorkspaceAction(orgId, values);
    if (!result.ok) {
      if (result.fieldErrors?.name)
        setError("name", { type: "server", message: result.fieldErrors.name }, { shouldFocus: true });
      else setStatus({ kind: "error", text: result.message });
      return;
    }
    reset({ name: "" });
    setStatus({ kind: "ok", text: t("org.workspaces.createdNotice", { name: values.name }), id: result.data.id });
    router.refresh();
  });
  const error = fieldErrorText(t, errors.name);
  return (
    <form onSubmit={submit} noValidate className="mt-4 grid gap-3" data-testid="create-workspace-form">
      <div>
        <label htmlFor="new-workspace-name" className="block text-sm font-medium text-gray-800">
          {t("org.workspaces.nameLabel")}
        </label>
        <input
          id="new-workspace-name"
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "new-workspace-error" : undefined}
          className={inputClass}
          {...register("name")}
        />
        {error ? (
          <p id="new-workspace-error" role="alert" className="mt-1 text-sm text-red-600">
            {error}
          </p>
        ) : null}
      </div>
      <button type="submit" disabled={isSubmitting} className={buttonClass()} data-testid="create-workspace">
        {isSubmitting ? t("settings.saving") : t("org.workspaces.create")}
      </button>
      <div role="status" aria-live="polite" className="text-sm empty:hidden">
        {status ? (
          <p className={status.kind === "ok" ? "text-emerald-700" : "text-red-700"}>
            {status.text}{" "}
            {status.id ? (
              <a href={`/w/${status.id}`} className="font-medium">
                {t("org.workspaces.open")}
              </a>
            ) : null}
          </p>
        ) : null}
      </div>
    </form>
  );
}
