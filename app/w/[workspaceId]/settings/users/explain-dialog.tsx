"use client";
import { useEffect, useState } from "react";
import { Dialog, FormAlert } from "@/app/components/dialog";
import { Icon } from "@/app/components/icons";
import { withIsolated } from "@/app/components/isolate";
import { cx } from "@/app/components/styles";
import { EXPLAIN_GROUPS } from "@/lib/access/explain";
import { useI18n } from "@/lib/i18n/client";
import type { MemberExplanation } from "@/lib/services/explain-access";
import { explainAccessAction } from "./actions";
import { permissionKey, reasonText, visibilityWhy } from "@/app/components/access-reasons";

/** Explain access: module by module, action by action, allowed or denied and why. */
export function ExplainDialog({
  workspaceId,
  userId,
  displayName,
  onClose,
}: {
  workspaceId: string;
  userId: string;
  displayName: string;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [data, setData] = useState<MemberExplanation | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    explainAccessAction(workspaceId, { userId }).then((result) => {
      if (!live) return;
      if (result.ok) setData(result.data);
      else setError(result.message);
    });
    return () => {
      live = false;
    };
  }, [workspaceId, userId]);

  const byPermission = new Map(data?.permissions.map((p) => [p.permission, p]) ?? []);
  return (
    <Dialog
      title={withIsolated((v) => t("users.explain.title", { name: v }), displayName)}
      description={withIsolated((v) => t("users.explain.lead", { name: v }), displayName)}
      onClose={onClose}
      size="lg"
    >
      <div data-testid="explain-access" aria-live="polite" className="grid gap-4 text-sm">
        <FormAlert message={error} testId="explain-error" />
        {!data && !error ? <p className="text-gray-600">{t("users.explain.loading")}</p> : null}
        {data?.deactivated ? (
          <p className="rounded-lg bg-amber-50 px-4 py-3 text-amber-900" data-testid="explain-deactivated">
            {t("users.explain.deactivated")}
          </p>
        ) : null}
        {data ? (
          <>
            {EXPLAIN_GROUPS.map((group) => (
              <section key={group.key} aria-labelledby={`explain-${group.key}`}>
                <h3 id={`explain-${group.key}`} className="font-semibold text-gray-900">
                  {t(`users.explain.modules.${group.key}`)}
                </h3>
                <ul className="mt-1 divide-y divide-gray-100 rounded-lg border border-gray-200">
                  {group.permissions.map((p) => {
                    const e = byPermission.get(p);
                    if (!e) return null;
                    return (
                      <li
                        key={p}
                        className="flex items-start gap-3 px-3 py-2"
                        data-testid="explain-row"
                        data-permission={p}
                        data-allowed={e.allowed}
                      >
                        <Icon
                          name={e.allowed ? "check" : "close"}
                          className={cx("mt-0.5 size-4 shrink-0", e.allowed ? "text-green-700" : "text-red-700")}
                        />
                        <span className="sr-only">
                          {t(e.allowed ? "users.explain.allowed" : "users.explain.denied")}
                        </span>
                        <span className="min-w-0">
                          <span className="block font-medium text-gray-900">
                            {t(`users.explain.permissions.${permissionKey(p)}`)}
                          </span>
                          <span className="block text-gray-600" data-testid="explain-reason">
                            {reasonText(t, e.reason)}
                          </span>
                        </span>
                      </li>
                    );
                  })}
                </ul>
              </section>
            ))}
            <section aria-labelledby="explain-visibility">
              <h3 id="explain-visibility" className="font-semibold text-gray-900">
                {t("users.explain.visibilityTitle")}
              </h3>
              <p className="mt-1 text-gray-700" data-testid="explain-visibility">
                {t("users.explain.visibilityLine", {
                  visibility: t(`users.access.agent.${data.visibility.visibility}`),
                  why: visibilityWhy(t, data.visibility),
                })}
              </p>
            </section>
          </>
        ) : null}
      </div>
    </Dialog>
  );
}
