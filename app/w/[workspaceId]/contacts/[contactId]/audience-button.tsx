"use client";
import { useEffect, useState } from "react";
import { Dialog, FormAlert } from "@/app/components/dialog";
import { withIsolated } from "@/app/components/isolate";
import { buttonClass } from "@/app/components/styles";
import { useI18n } from "@/lib/i18n/client";
import type { Translator } from "@/lib/i18n/translate";
import type { Audience, AudienceWhy } from "@/lib/services/contact-audience";
import { visibilityWhy } from "@/app/components/access-reasons";
import { contactAudienceAction, contactAudienceWhyAction, searchContactAssignees } from "../actions";

function whyText(t: Translator, why: AudienceWhy): string {
  const assignee = why.assignee ? why.assignee.name || why.assignee.email : "";
  return t(`contacts.audience.reason.${why.reason.kind}`, { why: visibilityWhy(t, why.visibility), assignee });
}

/** "Who can see this contact" (Owners and Managers): how many members, their names, and why for one of them. */
export function AudienceButton({
  workspaceId,
  contactId,
  contactName,
  canSearch,
}: {
  workspaceId: string;
  contactId: string;
  contactName: string;
  /** The viewer may search members (contacts.edit): offer "why not someone else". */
  canSearch: boolean;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className={buttonClass("secondary")}
        onClick={() => setOpen(true)}
        data-testid="audience-open"
      >
        {t("contacts.audience.button")}
      </button>
      {open ? (
        <AudienceDialog
          workspaceId={workspaceId}
          contactId={contactId}
          contactName={contactName}
          canSearch={canSearch}
          onClose={() => setOpen(false)}
        />
      ) : null}
    </>
  );
}

function AudienceDialog({
  workspaceId,
  contactId,
  contactName,
  canSearch,
  onClose,
}: {
  workspaceId: string;
  contactId: string;
  contactName: string;
  canSearch: boolean;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [audience, setAudience] = useState<Audience | null>(null);
  const [why, setWhy] = useState<AudienceWhy | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [q, setQ] = useState("");
  const [found, setFound] = useState<{ userId: string; name: string | null; email: string }[]>([]);
  useEffect(() => {
    let live = true;
    contactAudienceAction(workspaceId, { contactId }).then((r) => {
      if (!live) return;
      if (r.ok) setAudience(r.data);
      else setError(r.message);
    });
    return () => {
      live = false;
    };
  }, [workspaceId, contactId]);
  useEffect(() => {
    if (!canSearch || !q.trim()) return;
    let live = true;
    searchContactAssignees(workspaceId, { q }).then((r) => {
      if (live && r.ok) setFound(r.data.slice(0, 5));
    });
    return () => {
      live = false;
    };
  }, [workspaceId, canSearch, q]);

  async function explain(userId: string) {
    const r = await contactAudienceWhyAction(workspaceId, { contactId, userId });
    if (r.ok) setWhy(r.data);
    else setError(r.message);
  }

  const person = (p: { userId: string; name: string | null; email: string }) => (
    <li key={p.userId} className="flex items-center justify-between gap-3 px-3 py-2" data-testid="audience-person">
      <bdi className="min-w-0 truncate text-gray-900">{p.name || p.email}</bdi>
      <button
        type="button"
        className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline"
        aria-label={t("contacts.audience.whyFor", { name: p.name || p.email })}
        onClick={() => explain(p.userId)}
      >
        {t("contacts.audience.why")}
      </button>
    </li>
  );

  return (
    <Dialog
      title={withIsolated((v) => t("contacts.audience.title", { name: v }), contactName)}
      description={t("contacts.audience.lead")}
      onClose={onClose}
    >
      <div className="grid gap-4 text-sm" data-testid="audience" aria-live="polite">
        <FormAlert message={error} testId="audience-error" />
        {audience ? (
          <>
            <p className="font-medium text-gray-900" data-testid="audience-count">
              {t("contacts.audience.count", { count: audience.total })}
            </p>
            <ul className="max-h-72 divide-y divide-gray-100 overflow-y-auto rounded-lg border border-gray-200">
              {audience.people.map(person)}
            </ul>
            {audience.total > audience.people.length ? (
              <p className="text-gray-500">{t("contacts.audience.shown", { shown: audience.people.length })}</p>
            ) : null}
          </>
        ) : error ? null : (
          <p className="text-gray-600">{t("contacts.audience.loading")}</p>
        )}
        {why ? (
          <p className="rounded-lg bg-gray-50 px-4 py-3 text-gray-800" data-testid="audience-why">
            <bdi className="font-medium">{why.name || why.email}</bdi> — {whyText(t, why)}
          </p>
        ) : null}
        {canSearch ? (
          <div>
            <label className="block font-medium text-gray-900" htmlFor="audience-search">
              {t("contacts.audience.checkOther")}
            </label>
            <input
              id="audience-search"
              type="search"
              value={q}
              onChange={(e) => setQ(e.target.value)}
              placeholder={t("contacts.assign.search")}
              className="mt-1 w-full rounded-lg border border-gray-300 px-3 py-2"
              data-testid="audience-search"
            />
            {q.trim() && found.length ? (
              <ul className="mt-2 divide-y divide-gray-100 rounded-lg border border-gray-200">{found.map(person)}</ul>
            ) : null}
          </div>
        ) : null}
      </div>
    </Dialog>
  );
}
