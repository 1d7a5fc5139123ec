"use client";
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { useI18n } from "@/lib/i18n/client";
import { cx } from "@/app/components/styles";

type Notice = { id: number; kind: "success" | "error"; text: string };
const NoticeContext = createContext<(text: string, kind?: Notice["kind"]) => void>(() => undefined);

/** Announce the outcome of a dialog after it closed ("Invitation sent to …"). */
export function useNotice() {
  return useContext(NoticeContext);
}

/** A polite live region above the list; a notice fades after a while or on dismiss. */
export function NoticeProvider({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const [notice, setNotice] = useState<Notice | null>(null);
  const show = useCallback(
    (text: string, kind: Notice["kind"] = "success") => setNotice({ id: Date.now(), kind, text }),
    [],
  );
  const value = useMemo(() => show, [show]);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice((n) => (n?.id === notice.id ? null : n)), 8000);
    return () => clearTimeout(timer);
  }, [notice]);

  return (
    <NoticeContext.Provider value={value}>
      <div role="status" aria-live="polite" className="empty:hidden">
        {notice ? (
          <div
            data-testid="users-notice"
            className={cx(
              "mb-4 flex items-start justify-between",
              "gap-3 rounded-lg border px-4 py-3",
              notice.kind === "success"
                ? "border-emerald-200 bg-emerald-50 text-emerald-800"
                : "border-red-200 bg-red-50 text-red-800",
            )}
          >
            <p>{notice.text}</p>
            <button
              type="button"
              onClick={() => setNotice(null)}
              className="shrink-0 text-sm font-medium underline-offset-2 hover:underline"
            >
              {t("users.notice.dismiss")}
            </button>
          </div>
        ) : null}
      </div>
      {children}
    </NoticeContext.Provider>
  );
}
