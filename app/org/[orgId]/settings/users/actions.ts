"use server";
import { getDb } from "@/db";
import { orgAction } from "@/lib/actions/wrap";
import { endMemberSessions } from "@/lib/services/sessions";
import { endMemberSessionsSchema } from "@/lib/validation/sessions";

// Org admins only (orgAction re-reads org_members); the service re-checks the admin under a
// lock and that the person is in this organization.
export const signOutMemberEverywhereAction = orgAction(endMemberSessionsSchema, async (ctx, input) =>
  endMemberSessions(await getDb(), { userId: ctx.userId, orgId: ctx.admin.orgId, ip: ctx.ip }, input.userId),
);
