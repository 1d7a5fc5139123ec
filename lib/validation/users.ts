import { z } from "zod";
import { uuid } from "./id";
import { AGENT_OPTIONS, MANAGER_RESTRICTIONS, ROLES, cleanRestrictions } from "@/lib/access/matrix";
import { emailSchema } from "./email";
import { roleChoiceShape } from "./roles";

const idField = uuid("invalidInput");
const inactiveDaysField = z.union([z.literal(7), z.literal(30), z.literal(90)]);

const ALL_RESTRICTIONS = [...MANAGER_RESTRICTIONS, ...AGENT_OPTIONS] as const;

/**
 * A role choice (a level, or a custom role by id with its base as `role`) + restrictions; restrictions not
 * valid for the choice are dropped, not stored (a custom role's member has no contacts-module option).
 */
const accessShape = {
  ...roleChoiceShape,
  restrictions: z.array(z.enum(ALL_RESTRICTIONS)).max(ALL_RESTRICTIONS.length).default([]),
};
const withCleanRestrictions = <
  T extends { role: (typeof ROLES)[number]; roleId: string | null; restrictions: string[] },
>(
  v: T,
) => ({
  ...v,
  restrictions: cleanRestrictions(v.role, v.restrictions, v.roleId !== null),
});

/**
 * Access until a date (docs/PRODUCT.md, Access until a date): when it ends (an instant; the form sends the end
 * of the chosen day in the viewer's time zone) and the hand-over then (a member, or null: unassigned). An
 * object, so later choices fit beside `reassignTo`. Absent: unchanged; null: removed. Whether the instant is
 * in the future is decided by the database's clock in the service, never here.
 */
export const accessUntilSchema = z
  .object({
    at: z.iso.datetime({ offset: true, error: "users.accessUntil.invalid" }),
    reassignTo: idField.nullable().default(null),
  })
  .nullable()
  .optional();
export type AccessUntilInput = z.output<typeof accessUntilSchema>;

/** Level + restrictions alone: the shared part of the edit-access and change-invitation forms. */
export const accessSchema = z.object(accessShape).transform(withCleanRestrictions);
export type AccessInput = z.input<typeof accessSchema>;

export const inviteSchema = z
  .object({ email: emailSchema, ...accessShape, accessUntil: accessUntilSchema })
  .transform(withCleanRestrictions);
export type InviteInput = z.input<typeof inviteSchema>;

export const updateAccessSchema = z
  .object({ userId: idField, ...accessShape, accessUntil: accessUntilSchema })
  .transform(withCleanRestrictions);
export type UpdateAccessInput = z.input<typeof updateAccessSchema>;

export const updateInvitationSchema = z
  .object({ invitationId: idField, ...accessShape, accessUntil: accessUntilSchema })
  .transform(withCleanRestrictions);

export const invitationIdSchema = z.object({ invitationId: idField });

/**
 * Distribute the contacts over a team or chosen members (docs/PRODUCT.md, hand-over). `expect` is
 * the plan the actor previewed: the write is refused if it would differ.
 */
export const distributeSchema = z
  .object({
    teamId: idField.nullable().default(null),
    memberIds: z.array(idField).max(200).default([]),
    availableOnly: z.boolean().default(false),
    expect: z
      .array(z.object({ userId: idField, receives: z.number().int().min(0) }))
      .max(500)
      .optional(),
  })
  .refine((d) => Boolean(d.teamId) !== d.memberIds.length > 0, {
    message: "errors.users.handover.chooseRecipients",
    path: ["memberIds"],
  });
export type DistributeInput = z.output<typeof distributeSchema>;

export const revokeSchema = z
  .object({
    userId: idField,
    reassignTo: idField.nullable().default(null),
    distribute: distributeSchema.nullable().default(null),
  })
  .refine((d) => !(d.reassignTo && d.distribute), {
    message: "errors.users.handover.oneWay",
    path: ["distribute"],
  });
export type RevokeInput = z.input<typeof revokeSchema>;

export const previewHandoverSchema = z.object({ userId: idField, distribute: distributeSchema });

/** Deactivate: the same hand-over as revoke. */
export const deactivateSchema = revokeSchema;

export const reactivateSchema = z.object({
  userId: idField,
  /** Give back the contacts handed over at deactivation that are still where they went. */
  giveBack: z.boolean().default(false),
});
export type ReactivateInput = z.input<typeof reactivateSchema>;

export const memberListSchema = z.object({
  q: z.string().trim().max(200).default(""),
  /** The list's filter: active members and pending invitations (default), or deactivated members. */
  status: z.enum(["active", "deactivated"]).catch("active").default("active"),
  /** Only one level (with no custom role) or one custom role (its id); anything else: no such filter. */
  role: z.string().max(40).optional().catch(undefined),
  /** "Not active for" 7, 30 or 90 days (active members only); anything else: no such filter. */
  inactive: z.coerce.number().pipe(inactiveDaysField).optional().catch(undefined),
  cursor: z.string().max(500).optional(),
  /** The activity list's page (Owners): a cursor of an older page. */
  log: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type MemberListInput = z.input<typeof memberListSchema>;

export const acceptInvitationSchema = z.object({
  token: z.string().min(20).max(200),
  name: z.string().trim().max(120, { error: "name.tooLong" }).optional(),
});

/** The largest selection one bulk action takes (docs/PRODUCT.md, Users page, bulk actions). */
export const BULK_MAX = 1000;

/**
 * A bulk action on the Users list: the rows ticked (members and invitations by id), or every row
 * matching the list's search and "not active for" filter, across pages; and what to do to each.
 */
export const bulkUsersSchema = z.object({
  // Strict: an object with both shapes, or with `all` misspelt, is refused rather than read as an
  // empty selection.
  selection: z.union([
    z.strictObject({
      all: z.object({ q: z.string().trim().max(200).default(""), inactiveDays: inactiveDaysField.optional() }),
    }),
    z.strictObject({
      members: z.array(idField).max(BULK_MAX).default([]),
      invitations: z.array(idField).max(BULK_MAX).default([]),
    }),
  ]),
  op: z.union([
    z.object({ kind: z.literal("access"), ...accessShape }).transform(withCleanRestrictions),
    z.object({ kind: z.literal("deactivate"), reassignTo: idField.nullable().default(null) }),
    z.object({ kind: z.enum(["resend", "cancel"]) }),
  ]),
});
export type BulkUsersInput = z.output<typeof bulkUsersSchema>;
