import type { InboxTab } from "@/lib/services/inbox";

export interface InboxView {
  workspaceId: string;
  tab: InboxTab;
  status: "open" | "closed";
}

/** The inbox URL for a view, optionally with a thread (?c=) or a page (?cursor=). */
export function inboxHref(view: InboxView, extra: { c?: string; cursor?: string } = {}): string {
  const p = new URLSearchParams({ tab: view.tab });
  if (view.status === "closed") p.set("status", "closed");
  if (extra.cursor) p.set("cursor", extra.cursor);
  if (extra.c) p.set("c", extra.c);
  return `/w/${view.workspaceId}/inbox?${p.toString()}`;
}
