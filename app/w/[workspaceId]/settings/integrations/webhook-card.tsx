"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useI18n } from "@/lib/i18n/client";
import { Dialog, DialogActions } from "@/app/components/dialog";
import { buttonClass, cx } from "@/app/components/styles";
import { useNotice } from "@/app/components/notice";
import { ConfirmDialog } from "../_components/confirm-dialog";
import { deleteWebhookAction, rotateWebhookSecretAction, sendTestEventAction, setWebhookActiveAction } from "./actions";
import { DeliveryLog, type DeliveryView } from "./delivery-log";
import { eventLabelKey } from "./event-label";
import { SecretReveal } from "./secret-reveal";

export interface WebhookView {
  id: string;
  url: string;
  events: string[];
  active: boolean;
  createdAt: string;
  deliveries: DeliveryView[];
}

type Open = null | "delete" | "rotate" | { secret: string };

export function WebhookCard({
  workspaceId,
  hook,
  manage,
  serverNow,
}: {
  workspaceId: string;
  hook: WebhookView;
  manage: boolean;
  serverNow: number;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const notice = useNotice();
  const [open, setOpen] = useState<Open>(null);
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<{ ok: boolean; message?: string }>, success: string) {
    setBusy(true);
    const result = await action();
    setBusy(false);
    notice(result.ok ? success : (result.message ?? t("errors.generic")), result.ok ? "success" : "error");
    router.refresh();
  }

  return (
    <li className="rounded-xl border border-gray-200 bg-white p-5 shadow-sm" data-testid="webhook-card">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="flex flex-wrap items-center gap-2">
            <code dir="ltr" className="font-mono text-sm font-medium break-all text-gray-900" data-testid="webhook-url">
              {hook.url}
            </code>
            <span
              className={cx(
                "rounded-full px-2 py-0.5 text-xs font-medium",
                hook.active ? "bg-emerald-50 text-emerald-700" : "bg-gray-100 text-gray-600",
              )}
              data-testid="webhook-state"
            >
              {hook.active ? t("settings.webhooks.active") : t("settings.webhooks.disabled")}
            </span>
          </p>
          <ul className="mt-2 flex flex-wrap gap-1.5" aria-label={t("settings.webhooks.eventsLabel")}>
            {hook.events.map((e) => {
              const key = eventLabelKey(e);
              return (
                <li key={e} className="rounded-md bg-gray-100 px-2 py-0.5 text-xs text-gray-700">
                  {key ? t(key) : e}
                </li>
              );
            })}
          </ul>
        </div>
        {manage ? (
          <div className="flex flex-wrap gap-2" data-testid="webhook-actions">
            <button
              type="button"
              disabled={busy || !hook.active}
              className={buttonClass("secondary")}
              onClick={() =>
                run(() => sendTestEventAction(workspaceId, { webhookId: hook.id }), t("settings.webhooks.testQueued"))
              }
            >
              {t("settings.webhooks.sendTest")}
            </button>
            <button
              type="button"
              disabled={busy}
              className={buttonClass("secondary")}
              data-testid="webhook-toggle"
              onClick={() =>
                run(
                  () => setWebhookActiveAction(workspaceId, { webhookId: hook.id, active: !hook.active }),
                  hook.active ? t("settings.webhooks.disabledNotice") : t("settings.webhooks.enabledNotice"),
                )
              }
            >
              {hook.active ? t("settings.webhooks.disable") : t("settings.webhooks.enable")}
            </button>
            <button
              type="button"
              disabled={busy}
              className={buttonClass("secondary")}
              onClick={() => setOpen("rotate")}
            >
              {t("settings.webhooks.rotate")}
            </button>
            <button
              type="button"
              disabled={busy}
              className={`${buttonClass("secondary")} text-red-700`}
              onClick={() => setOpen("delete")}
            >
              {t("settings.delete")}
            </button>
          </div>
        ) : null}
      </div>

      <h3 className="mt-5 mb-2 text-sm font-semibold text-gray-900">{t("settings.webhooks.deliveries")}</h3>
      <DeliveryLog deliveries={hook.deliveries} serverNow={serverNow} />

      {open === "delete" ? (
        <ConfirmDialog
          title={t("settings.webhooks.deleteTitle")}
          body={t("settings.webhooks.deleteBody", { url: hook.url })}
          confirmLabel={t("settings.delete")}
          onConfirm={() => deleteWebhookAction(workspaceId, { webhookId: hook.id })}
          onClose={() => setOpen(null)}
          onDone={() => {
            setOpen(null);
            notice(t("settings.webhooks.deleted"));
            router.refresh();
          }}
        />
      ) : null}
      {open === "rotate" ? (
        <ConfirmDialog
          title={t("settings.webhooks.rotateTitle")}
          body={t("settings.webhooks.rotateBody")}
          confirmLabel={t("settings.webhooks.rotate")}
          onConfirm={async () => {
            const result = await rotateWebhookSecretAction(workspaceId, { webhookId: hook.id });
            if (result.ok) setOpen({ secret: result.data.secret });
            return result;
          }}
          onClose={() => setOpen(null)}
          onDone={() => undefined}
        />
      ) : null}
      {open && typeof open === "object" ? (
        <Dialog title={t("settings.webhooks.rotatedTitle")} onClose={() => setOpen(null)}>
          <SecretReveal secret={open.secret} />
          <DialogActions>
            <button type="button" onClick={() => setOpen(null)} className={buttonClass()}>
              {t("settings.done")}
            </button>
          </DialogActions>
        </Dialog>
      ) : null}
    </li>
  );
}
