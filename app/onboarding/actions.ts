"use server";
import { getDb } from "@/db";
import { userAction } from "@/lib/actions/wrap";
import { createFirstWorkspace } from "@/lib/services/onboarding";
import { onboardingSchema } from "@/lib/validation/onboarding";

export const createWorkspace = userAction(onboardingSchema, async (ctx, input) => {
  const created = await createFirstWorkspace(await getDb(), { userId: ctx.userId, ip: ctx.ip, ...input });
  return { workspaceId: created.workspaceId };
});
