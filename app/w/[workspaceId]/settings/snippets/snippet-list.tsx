"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useI18n } from "@/lib/i18n/client";
import { buttonClass, emptyBoxClass } from "@/app/components/styles";
import { useNotice } from "@/app/components/notice";
import { ConfirmDialog } from "../_components/confirm-dialog";
import { deleteSnippetAction } from "./actions";
import { SnippetDialog } from "./snippet-dialog";

type Snippet = { id: string; name: string; body: string };
type Open = null | { kind: "new" } | { kind: "edit"; snippet: Snippet } | { kind: "delete"; snippet: Snippet };

export function SnippetList({ workspaceId, snippets }: { workspaceId: string; snippets: Snippet[] }) {
  const { t } = useI18n();
  const router = useRouter();
  const notice = useNotice();
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  const done = (text: string) => {
    setOpen(null);
    notice(text);
    router.refresh();
  };
  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{t("settings.snippets.title")}</h1>
          <p className="mt-1 text-gray-600">{t("settings.snippets.lead")}</p>
        </div>
        <button
          type="button"
          className={buttonClass()}
          onClick={() => setOpen({ kind: "new" })}
          data-testid="new-snippet"
        >
          {t("settings.snippets.add")}
        </button>
      </div>
      {snippets.length === 0 ? (
        <div className={`mt-6 ${emptyBoxClass}`}>{t("settings.snippets.empty")}</div>
      ) : (
        <ul
          className="mt-6 divide-y divide-gray-100 rounded-xl border border-gray-200 bg-white shadow-sm"
          data-testid="snippet-list"
        >
          {snippets.map((s) => (
            <li
              key={s.id}
              className="flex flex-wrap items-start justify-between gap-3 px-5 py-4"
              data-testid="snippet-row"
            >
              <div className="min-w-0 flex-1">
                <p className="font-medium text-gray-900">
                  <bdi>{s.name}</bdi>
                </p>
                <p className="mt-1 line-clamp-2 text-sm whitespace-pre-line text-gray-600" dir="auto">
                  {s.body}
                </p>
              </div>
              <div className="flex shrink-0 gap-2">
                <button
                  type="button"
                  className={buttonClass("secondary")}
                  onClick={() => setOpen({ kind: "edit", snippet: s })}
                >
                  {t("settings.edit")}
                </button>
                <button
                  type="button"
                  className={`${buttonClass("secondary")} text-red-700`}
                  onClick={() => setOpen({ kind: "delete", snippet: s })}
                >
                  {t("settings.delete")}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {open?.kind === "new" ? (
        <SnippetDialog workspaceId={workspaceId} onClose={close} onDone={() => done(t("settings.snippets.created"))} />
      ) : null}
      {open?.kind === "edit" ? (
        <SnippetDialog
          workspaceId={workspaceId}
          snippet={open.snippet}
          onClose={close}
          onDone={() => done(t("settings.snippets.updated"))}
        />
      ) : null}
      {open?.kind === "delete" ? (
        <ConfirmDialog
          title={t("settings.snippets.deleteTitle")}
          body={t("settings.snippets.deleteBody", { name: open.snippet.name })}
          confirmLabel={t("settings.delete")}
          onConfirm={() => deleteSnippetAction(workspaceId, { snippetId: open.snippet.id })}
          onClose={close}
          onDone={() => done(t("settings.snippets.deleted", { name: open.snippet.name }))}
        />
      ) : null}
    </>
  );
}
