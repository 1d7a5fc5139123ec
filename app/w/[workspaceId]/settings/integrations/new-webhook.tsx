"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Controller, useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { fieldErrorText } from "@/app/components/field-error";
import { useI18n } from "@/lib/i18n/client";
import { WEBHOOK_EVENT_NAMES, webhookCreateSchema, type WebhookCreateInput } from "@/lib/validation/settings";
import { Dialog, DialogActions, FormAlert } from "@/app/components/dialog";
import { buttonClass, inputClass } from "@/app/components/styles";
import { createWebhookAction } from "./actions";
import { eventLabelKey } from "./event-label";
import { SecretReveal } from "./secret-reveal";

export function NewWebhookButton({ workspaceId }: { workspaceId: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className={buttonClass()} onClick={() => setOpen(true)} data-testid="new-webhook">
        {t("settings.webhooks.add")}
      </button>
      {open ? <NewWebhookDialog workspaceId={workspaceId} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function NewWebhookDialog({ workspaceId, onClose }: { workspaceId: string; onClose: () => void }) {
  const { t } = useI18n();
  const router = useRouter();
  const [secret, setSecret] = useState<string | null>(null);
  const [general, setGeneral] = useState<string | null>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<WebhookCreateInput, unknown, z.output<typeof webhookCreateSchema>>({
    resolver: zodResolver(webhookCreateSchema),
    defaultValues: { url: "", events: [...WEBHOOK_EVENT_NAMES] },
  });

  const submit = handleSubmit(async (values) => {
    setGeneral(null);
    const result = await createWebhookAction(workspaceId, values);
    if (!result.ok) {
      const fields = result.fieldErrors ?? {};
      if (fields.url) setError("url", { type: "server", message: fields.url }, { shouldFocus: true });
      if (fields.events) setError("events", { type: "server", message: fields.events });
      if (!fields.url && !fields.events) setGeneral(result.message);
      return;
    }
    setSecret(result.data.secret);
    router.refresh();
  });

  if (secret) {
    return (
      <Dialog title={t("settings.webhooks.createdTitle")} onClose={onClose}>
        <SecretReveal secret={secret} />
        <DialogActions>
          <button type="button" onClick={onClose} className={buttonClass()}>
            {t("settings.done")}
          </button>
        </DialogActions>
      </Dialog>
    );
  }

  const urlError = fieldErrorText(t, errors.url);
  const eventsError = fieldErrorText(t, errors.events as never);
  return (
    <Dialog
      title={t("settings.webhooks.createTitle")}
      description={t("settings.webhooks.createLead")}
      onClose={onClose}
    >
      <form onSubmit={submit} noValidate className="grid gap-5" data-testid="webhook-form">
        <div>
          <label htmlFor="webhook-url" className="block text-sm font-medium text-gray-800">
            {t("settings.webhooks.urlLabel")}
          </label>
          <input
            id="webhook-url"
            type="url"
            dir="ltr"
            autoFocus
            autoComplete="off"
            placeholder="https://example.com/hooks/switchboard"
            aria-invalid={urlError ? true : undefined}
            aria-describedby={urlError ? "webhook-url-error" : "webhook-url-hint"}
            className={`${inputClass} text-start`}
            {...register("url")}
          />
          {urlError ? (
            <p id="webhook-url-error" role="alert" className="mt-1 text-sm text-red-600">
              {urlError}
            </p>
          ) : (
            <p id="webhook-url-hint" className="mt-1 text-sm text-gray-500">
              {t("settings.webhooks.urlHint")}
            </p>
          )}
        </div>
        <Controller
          control={control}
          name="events"
          render={({ field }) => {
            const value = (field.value ?? []) as string[];
            return (
              <fieldset aria-describedby={eventsError ? "webhook-events-error" : undefined}>
                <legend className="text-sm font-medium text-gray-800">{t("settings.webhooks.eventsLabel")}</legend>
                <div className="mt-2 grid gap-2">
                  {WEBHOOK_EVENT_NAMES.map((event) => (
                    <label key={event} className="flex items-start gap-3 text-sm">
                      <input
                        type="checkbox"
                        className="mt-0.5 size-4 rounded border-gray-300 text-brand-600"
                        checked={value.includes(event)}
                        onChange={(e) =>
                          field.onChange(e.target.checked ? [...value, event] : value.filter((v) => v !== event))
                        }
                      />
                      <span>
                        <span className="block font-medium text-gray-900">{t(eventLabelKey(event)!)}</span>
                        <code dir="ltr" className="text-xs text-gray-500">
                          {event}
                        </code>
                      </span>
                    </label>
                  ))}
                </div>
                {eventsError ? (
                  <p id="webhook-events-error" role="alert" className="mt-1 text-sm text-red-600">
                    {eventsError}
                  </p>
                ) : null}
              </fieldset>
            );
          }}
        />
        <FormAlert message={general} />
        <DialogActions>
          <button type="button" onClick={onClose} className={buttonClass("secondary")}>
            {t("common.cancel")}
          </button>
          <button type="submit" disabled={isSubmitting} className={buttonClass()}>
            {isSubmitting ? t("settings.saving") : t("settings.webhooks.create")}
          </button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
