"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useI18n } from "@/lib/i18n/client";
import { setConversationStatusAction } from "./actions";

/** Close an open conversation, or reopen a closed one. */
export function StatusButton({
  workspaceId,
  contactId,
  status,
}: {
  workspaceId: string;
  contactId: string;
  status: "open" | "closed";
}) {
  const { t } = useI18n();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const next = status === "open" ? "closed" : "open";

  async function toggle() {
    setBusy(true);
    setError(null);
    const result = await setConversationStatusAction(workspaceId, { contactId, status: next });
    setBusy(false);
    if (!result.ok) setError(result.message);
    else router.refresh();
  }

  return (
    <>
      <button
        type="button"
        onClick={toggle}
        disabled={busy}
        data-testid={next === "closed" ? "close-conversation" : "reopen-conversation"}
        className="inline-flex items-center gap-1.5 rounded-lg border border-gray-300 bg-white px-2.5 py-1.5 text-sm font-medium text-gray-700 shadow-sm hover:bg-gray-50 disabled:opacity-60"
      >
        {next === "closed" ? (
          <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" className="size-4 text-emerald-600">
            <path
              fillRule="evenodd"
              d="M16.704 4.153a.75.75 0 0 1 .143 1.052l-8 10.5a.75.75 0 0 1-1.127.075l-4.5-4.5a.75.75 0 0 1 1.06-1.06l3.894 3.893 7.48-9.817a.75.75 0 0 1 1.05-.143Z"
              clipRule="evenodd"
            />
          </svg>
        ) : null}
        {busy
          ? t(next === "closed" ? "inbox.thread.closing" : "inbox.thread.reopening")
          : t(next === "closed" ? "inbox.thread.close" : "inbox.thread.reopen")}
      </button>
      {error ? (
        <span role="alert" className="text-sm text-red-600">
          {error}
        </span>
      ) : null}
    </>
  );
}
