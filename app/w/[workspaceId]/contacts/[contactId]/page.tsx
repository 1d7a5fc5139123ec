import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Avatar } from "@/app/components/avatar";
import { getDb } from "@/db";
import { requireMember } from "@/lib/access/guard";
import { can } from "@/lib/access/matrix";
import { getI18n } from "@/lib/i18n/server";
import { getVisibleContact } from "@/lib/services/contacts";
import { When } from "../../inbox/when";
import { assignContactAction, searchContactAssignees } from "../actions";
import { AssignButton } from "../assign-picker";
import { ContactForm } from "./contact-form";
import { DeleteContactButton } from "./delete-contact";
import { AudienceButton } from "./audience-button";
import { buttonClass } from "@/app/components/styles";
import { Icon } from "@/app/components/icons";

export const dynamic = "force-dynamic";

const MARK = "\u0001";
/** A translated sentence with a component (a localised time) where its placeholder was. */
const withNode = (text: string, node: ReactNode) => {
  const [before, after] = text.split(MARK);
  return (
    <>
      {before}
      {node}
      {after}
    </>
  );
};

type Props = { params: Promise<{ workspaceId: string; contactId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("contacts.title") };
}

/**
 * One contact: details, edit, assign, delete. A contact the member may not see (another
 * workspace's, or outside an Agent's visibility) is a 404, exactly like one that does not exist.
 */
export default async function ContactPage({ params }: Props) {
  const { workspaceId, contactId } = await params;
  const member = await requireMember(workspaceId, ["contacts.view"], `/w/${workspaceId}/contacts/${contactId}`);
  const contact = await getVisibleContact(await getDb(), member, contactId);
  if (!contact) notFound();

  const { t } = await getI18n();
  const base = `/w/${member.workspaceId}/contacts`;
  const canEdit = can(member, "contacts.edit");
  const assignee = contact.assignee_id
    ? { userId: contact.assignee_id, name: contact.assignee_name, email: contact.assignee_email ?? "" }
    : null;

  return (
    <div className="mx-auto max-w-4xl">
      <Link href={base} className="inline-flex items-center gap-1 text-sm font-medium">
        <Icon name="chevronBack" className="size-4 rtl:-scale-x-100" />
        {t("contacts.detail.back")}
      </Link>

      <div className="mt-4 flex flex-wrap items-center gap-4">
        <Avatar userId={contact.id} name={contact.name} size="lg" />
        <div className="min-w-0 flex-1">
          <h1 className="truncate text-2xl font-semibold tracking-tight" data-testid="contact-name">
            <bdi>{contact.name}</bdi>
          </h1>
          <p className="mt-1 text-sm text-gray-500">
            {withNode(
              t("contacts.detail.created", { date: MARK }),
              <When at={contact.created_at.toISOString()} style="full" />,
            )}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Link
            href={`/w/${member.workspaceId}/inbox?c=${contact.id}`}
            className={buttonClass("secondary")}
            data-testid="open-conversation"
          >
            {t("contacts.detail.openConversation")}
          </Link>
          {member.role !== "agent" ? (
            <AudienceButton
              workspaceId={member.workspaceId}
              contactId={contact.id}
              contactName={contact.name}
              canSearch={canEdit}
            />
          ) : null}
          {can(member, "contacts.delete") ? (
            <DeleteContactButton workspaceId={member.workspaceId} contactId={contact.id} name={contact.name} />
          ) : null}
        </div>
      </div>

      <div className="mt-6 grid gap-6 md:grid-cols-3">
        <section
          className="rounded-xl border border-gray-200 bg-white p-5 shadow-sm md:col-span-2"
          aria-labelledby="contact-form-title"
        >
          <h2 id="contact-form-title" className="text-base font-semibold">
            {canEdit ? t("contacts.form.title") : t("contacts.detail.details")}
          </h2>
          {canEdit ? (
            <ContactForm
              workspaceId={member.workspaceId}
              contactId={contact.id}
              defaults={{ name: contact.name, email: contact.email ?? "", phone: contact.phone ?? "" }}
            />
          ) : (
            <dl className="mt-4 grid gap-3 text-sm">
              {(
                [
                  ["contacts.form.email", contact.email],
                  ["contacts.form.phone", contact.phone],
                ] as const
              ).map(([label, value]) => (
                <div key={label}>
                  <dt className="text-gray-500">{t(label)}</dt>
                  <dd dir="ltr" className="text-start text-gray-900">
                    {value ?? t("contacts.detail.noValue")}
                  </dd>
                </div>
              ))}
            </dl>
          )}
        </section>
        <section
          className="h-fit rounded-xl border border-gray-200 bg-white p-5 shadow-sm"
          aria-labelledby="contact-assignee-title"
        >
          <h2 id="contact-assignee-title" className="text-base font-semibold">
            {t("contacts.detail.assignee")}
          </h2>
          <div className="mt-3">
            {canEdit ? (
              <AssignButton
                workspaceId={member.workspaceId}
                contactId={contact.id}
                contactName={contact.name}
                me={member.userId}
                assignee={assignee}
                assign={assignContactAction}
                search={searchContactAssignees}
                leaveTo={base}
              />
            ) : (
              <p className="text-gray-700">
                {assignee ? <bdi>{assignee.name || assignee.email}</bdi> : t("contacts.unassigned")}
              </p>
            )}
          </div>
          <p className="mt-4 text-xs text-gray-500">
            {withNode(
              t("contacts.detail.updated", { date: MARK }),
              <When at={contact.updated_at.toISOString()} style="full" />,
            )}
          </p>
        </section>
      </div>
    </div>
  );
}
