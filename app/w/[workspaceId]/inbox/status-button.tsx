"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useI18n } from "@/lib/i18n/client";
import { setConversationStatusAction } from "./actions";
import { buttonClass } from "@/app/components/styles";
import { Icon } from "@/app/components/icons";

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
        className={buttonClass("secondary", "sm")}
      >
        {next === "closed" ? <Icon name="check" className="size-4 text-emerald-600" /> : null}
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
