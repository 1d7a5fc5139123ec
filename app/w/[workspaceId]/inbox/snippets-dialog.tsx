"use client";
import { useEffect, useId, useState } from "react";
import { useI18n } from "@/lib/i18n/client";
import { Dialog, FormAlert } from "@/app/components/dialog";
import { inputClass } from "@/app/components/styles";
import { loadSnippetsAction } from "./actions";

interface Snippet {
  id: string;
  name: string;
  body: string;
}

/** The workspace's saved replies, loaded through an action guarded by `snippets.use`. */
export function SnippetsDialog({
  workspaceId,
  onPick,
  onClose,
}: {
  workspaceId: string;
  onPick: (body: string) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [snippets, setSnippets] = useState<Snippet[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useState("");

  useEffect(() => {
    let live = true;
    loadSnippetsAction(workspaceId, {}).then((result) => {
      if (!live) return;
      if (result.ok) setSnippets(result.data);
      else setError(result.message);
    });
    return () => {
      live = false;
    };
  }, [workspaceId]);

  const q = query.trim().toLocaleLowerCase();
  const shown = (snippets ?? []).filter(
    (s) => !q || s.name.toLocaleLowerCase().includes(q) || s.body.toLocaleLowerCase().includes(q),
  );

  return (
    <Dialog title={t("inbox.snippets.title")} description={t("inbox.snippets.lead")} onClose={onClose}>
      <div className="grid gap-3" data-testid="snippets-dialog">
        <div>
          <label htmlFor={`${id}-q`} className="sr-only">
            {t("inbox.snippets.search")}
          </label>
          <input
            id={`${id}-q`}
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder={t("inbox.snippets.search")}
            autoComplete="off"
            autoFocus
            className={`${inputClass} mt-0`}
          />
        </div>
        <FormAlert message={error} />
        <ul
          className="max-h-80 divide-y divide-gray-100 overflow-y-auto rounded-lg border border-gray-200"
          aria-busy={snippets === null || undefined}
        >
          {snippets === null && !error ? (
            <li className="px-3 py-2 text-gray-500">{t("inbox.snippets.loading")}</li>
          ) : null}
          {snippets && snippets.length === 0 ? (
            <li className="px-3 py-2 text-gray-500">{t("inbox.snippets.empty")}</li>
          ) : null}
          {snippets && snippets.length > 0 && shown.length === 0 ? (
            <li className="px-3 py-2 text-gray-500">{t("inbox.snippets.noMatch")}</li>
          ) : null}
          {shown.map((s) => (
            <li key={s.id}>
              <button
                type="button"
                onClick={() => onPick(s.body)}
                aria-label={t("inbox.snippets.insert", { name: s.name })}
                className="block w-full px-3 py-2.5 text-start hover:bg-brand-50 focus-visible:bg-brand-50"
                data-testid="snippet"
              >
                <span className="block font-medium text-gray-900" dir="auto">
                  {s.name}
                </span>
                <span className="mt-0.5 line-clamp-2 block text-gray-600" dir="auto">
                  {s.body}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </div>
    </Dialog>
  );
}
