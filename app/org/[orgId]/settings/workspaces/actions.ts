"use server";
import { getDb } from "@/db";
import { orgAction } from "@/lib/actions/wrap";
import { createOrgWorkspace } from "@/lib/services/org";
import { createWorkspaceSchema } from "@/lib/validation/org";

// Org admins only (orgAction re-reads org_members on every call); the service re-checks under a lock.
export const createWorkspaceAction = orgAction(createWorkspaceSchema, async (ctx, input) =>
  createOrgWorkspace(await getDb(), { userId: ctx.userId, orgId: ctx.admin.orgId, ip: ctx.ip }, input.name),
);
