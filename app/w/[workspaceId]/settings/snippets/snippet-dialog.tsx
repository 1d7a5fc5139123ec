"use client";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { fieldErrorText } from "@/app/components/field-error";
import { useI18n } from "@/lib/i18n/client";
import { snippetSchema, type SnippetInput } from "@/lib/validation/settings";
import { Dialog, DialogActions, FormAlert } from "@/app/components/dialog";
import { buttonClass, inputClass } from "@/app/components/styles";
import { createSnippetAction, updateSnippetAction } from "./actions";

export function SnippetDialog({
  workspaceId,
  snippet,
  onClose,
  onDone,
}: {
  workspaceId: string;
  snippet?: { id: string; name: string; body: string };
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const [general, setGeneral] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<SnippetInput, unknown, z.output<typeof snippetSchema>>({
    resolver: zodResolver(snippetSchema),
    defaultValues: { name: snippet?.name ?? "", body: snippet?.body ?? "" },
  });
  const submit = handleSubmit(async (values) => {
    setGeneral(null);
    const result = snippet
      ? await updateSnippetAction(workspaceId, { ...values, snippetId: snippet.id })
      : await createSnippetAction(workspaceId, values);
    if (!result.ok) {
      const fields = result.fieldErrors ?? {};
      if (fields.name) setError("name", { type: "server", message: fields.name }, { shouldFocus: true });
      if (fields.body) setError("body", { type: "server", message: fields.body });
      if (!fields.name && !fields.body) setGeneral(result.message);
      return;
    }
    onDone();
  });
  const nameError = fieldErrorText(t, errors.name);
  const bodyError = fieldErrorText(t, errors.body);
  return (
    <Dialog title={snippet ? t("settings.snippets.editTitle") : t("settings.snippets.createTitle")} onClose={onClose}>
      <form onSubmit={submit} noValidate className="grid gap-5" data-testid="snippet-form">
        <div>
          <label htmlFor="snippet-name" className="block text-sm font-medium text-gray-800">
            {t("settings.snippets.nameLabel")}
          </label>
          <input
            id="snippet-name"
            autoFocus
            autoComplete="off"
            aria-invalid={nameError ? true : undefined}
            aria-describedby={nameError ? "snippet-name-error" : undefined}
            className={inputClass}
            {...register("name")}
          />
          {nameError ? (
            <p id="snippet-name-error" role="alert" className="mt-1 text-sm text-red-600">
              {nameError}
            </p>
          ) : null}
        </div>
        <div>
          <label htmlFor="snippet-body" className="block text-sm font-medium text-gray-800">
            {t("settings.snippets.bodyLabel")}
          </label>
          <textarea
            id="snippet-body"
            rows={6}
            dir="auto"
            aria-invalid={bodyError ? true : undefined}
            aria-describedby={bodyError ? "snippet-body-error" : undefined}
            className={inputClass}
            {...register("body")}
          />
          {bodyError ? (
            <p id="snippet-body-error" role="alert" className="mt-1 text-sm text-red-600">
              {bodyError}
            </p>
          ) : null}
        </div>
        <FormAlert message={general} />
        <DialogActions>
          <button type="button" onClick={onClose} className={buttonClass("secondary")}>
            {t("common.cancel")}
          </button>
          <button type="submit" disabled={isSubmitting} className={buttonClass()}>
            {isSubmitting ? t("settings.saving") : t("common.save")}
          </button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
