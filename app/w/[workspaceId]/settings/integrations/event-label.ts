import type { MessageKey } from "@/lib/i18n/translate";

const KEYS: Record<string, MessageKey> = {
  "member.invited": "settings.webhooks.events.memberInvited",
  "member.joined": "settings.webhooks.events.memberJoined",
  "member.updated": "settings.webhooks.events.memberUpdated",
  "member.revoked": "settings.webhooks.events.memberRevoked",
  "member.status_changed": "settings.webhooks.events.memberStatusChanged",
  "member.deactivated": "settings.webhooks.events.memberDeactivated",
  "member.reactivated": "settings.webhooks.events.memberReactivated",
  "invitation.cancelled": "settings.webhooks.events.invitationCancelled",
  "role.created": "settings.webhooks.events.roleCreated",
  "role.updated": "settings.webhooks.events.roleUpdated",
  "role.deleted": "settings.webhooks.events.roleDeleted",
  "webhook.test": "settings.webhooks.events.webhookTest",
};

/** The catalog key describing an event name, or null for an unknown one (shown raw). */
export const eventLabelKey = (event: string): MessageKey | null => KEYS[event] ?? null;
