"use server";
import { getDb } from "@/db";
import { workspaceAction } from "@/lib/actions/wrap";
import { setAvailability } from "@/lib/services/availability";
import { setAvailabilitySchema } from "@/lib/validation/availability";

/** The user menu: every member sets their own status in this workspace (no permission beyond membership). */
export const setAvailabilityAction = workspaceAction([], setAvailabilitySchema, async (ctx, input) =>
  setAvailability(await getDb(), ctx, input.availability),
);
