"use client";
import { useId, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { withIsolated } from "@/app/components/isolate";
import { useI18n } from "@/lib/i18n/client";
import type { MessageKey } from "@/lib/i18n/translate";
import { MESSAGE_MAX, messageSchema } from "@/lib/validation/inbox";
import { buttonClass, inputClass } from "@/app/components/styles";
import { sendMessageAction } from "./actions";
import { SnippetsDialog } from "./snippets-dialog";
import { Icon } from "@/app/components/icons";

/**
 * The reply box. The message is checked with the same schema as the action; Ctrl/⌘+Enter
 * sends. The Snippets button exists only for members allowed to use snippets (the action
 * behind it refuses everyone else anyway).
 */
export function Composer({
  workspaceId,
  contactId,
  contactName,
  canSnippets,
}: {
  workspaceId: string;
  contactId: string;
  contactName: string;
  canSnippets: boolean;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const id = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  const selection = useRef<[number, number] | null>(null);
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [snippetsOpen, setSnippetsOpen] = useState(false);

  async function send() {
    if (sending) return;
    const parsed = messageSchema.safeParse({ contactId, body });
    if (!parsed.success) {
      const key = parsed.error.issues[0]?.message;
      setError(t(`errors.${key}` as MessageKey));
      area.current?.focus();
      return;
    }
    setError(null);
    setSending(true);
    const result = await sendMessageAction(workspaceId, parsed.data);
    setSending(false);
    if (!result.ok) {
      setError(result.fieldErrors?.body ?? result.message);
      return;
    }
    setBody("");
    router.refresh();
    area.current?.focus();
  }

  function openSnippets() {
    const el = area.current;
    selection.current = el ? [el.selectionStart, el.selectionEnd] : null;
    setSnippetsOpen(true);
  }

  function insert(text: string) {
    const [start, end] = selection.current ?? [body.length, body.length];
    const next = body.slice(0, start) + text + body.slice(end);
    setBody(next);
    setError(null);
    setSnippetsOpen(false);
    // After the dialog has returned focus: put the caret after the inserted text.
    requestAnimationFrame(() => {
      const el = area.current;
      if (!el) return;
      el.focus();
      el.setSelectionRange(start + text.length, start + text.length);
    });
  }

  const over = body.length > MESSAGE_MAX;
  return (
    <form
      className="border-t border-gray-200 bg-white p-3"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
      data-testid="composer"
    >
      <label htmlFor={`${id}-body`} className="sr-only">
        {withIsolated((v) => t("inbox.composer.label", { name: v }), contactName)}
      </label>
      <textarea
        id={`${id}-body`}
        ref={area}
        value={body}
        onChange={(e) => {
          setBody(e.target.value);
          if (error) setError(null);
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void send();
          }
        }}
        rows={3}
        dir="auto"
        placeholder={t("inbox.composer.placeholder")}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
        className={`${inputClass} resize-y`}
      />
      {error ? (
        <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-red-600">
          {error}
        </p>
      ) : null}
      <div className="mt-2 flex flex-wrap items-center gap-3">
        {canSnippets ? (
          <button
            type="button"
            onClick={openSnippets}
            className={buttonClass("secondary")}
            data-testid="snippets-button"
          >
            <Icon name="snippet" className="size-4" />
            {t("inbox.snippets.button")}
          </button>
        ) : null}
        <p id={`${id}-hint`} className="min-w-0 flex-1 text-xs text-gray-500">
          {t("inbox.composer.shortcut")}
        </p>
        <span
          className={`text-xs tabular-nums ${over ? "font-semibold text-red-600" : "text-gray-500"}`}
          aria-hidden={!over}
        >
          {t("inbox.composer.count", { count: body.length, max: MESSAGE_MAX })}
        </span>
        <button type="submit" disabled={sending} className={buttonClass()} data-testid="send">
          {sending ? t("inbox.composer.sending") : t("inbox.composer.send")}
          <Icon name="send" className="size-4 rtl:-scale-x-100" />
        </button>
      </div>
      {snippetsOpen ? (
        <SnippetsDialog workspaceId={workspaceId} onPick={insert} onClose={() => setSnippetsOpen(false)} />
      ) : null}
    </form>
  );
}
