"use server";
import { getDb } from "@/db";
import { orgAction } from "@/lib/actions/wrap";
import { saveIpAllowlist } from "@/lib/services/ip-allowlist";
import { ipAllowlistSchema } from "@/lib/validation/ip-allowlist";

// Org admins only (orgAction re-reads org_members and checks the current allow-list on every call).
export const saveIpAllowlistAction = orgAction(ipAllowlistSchema, async (ctx, input) =>
  saveIpAllowlist(await getDb(), { userId: ctx.userId, orgId: ctx.admin.orgId, ip: ctx.ip }, input.ranges),
);
