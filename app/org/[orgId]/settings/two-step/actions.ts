"use server";
import { getDb } from "@/db";
import { orgAction } from "@/lib/actions/wrap";
import { saveTwoFactorPolicy } from "@/lib/services/two-factor-policy";
import { twoFactorPolicySchema } from "@/lib/validation/two-factor";

// Org admins only (orgAction re-reads org_members, the allow-list and the policy on every call).
export const saveTwoFactorPolicyAction = orgAction(twoFactorPolicySchema, async (ctx, input) =>
  saveTwoFactorPolicy(await getDb(), { userId: ctx.userId, orgId: ctx.admin.orgId, ip: ctx.ip }, input.required),
);
