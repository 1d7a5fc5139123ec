"use server";
import { getDb } from "@/db";
import { workspaceAction } from "@/lib/actions/wrap";
import { setAutoAway } from "@/lib/services/availability";
import { renameWorkspace } from "@/lib/services/workspace-settings";
import { autoAwaySchema } from "@/lib/validation/availability";
import { renameWorkspaceSchema } from "@/lib/validation/settings";

export const renameWorkspaceAction = workspaceAction("settings.manage", renameWorkspaceSchema, async (ctx, input) =>
  renameWorkspace(await getDb(), ctx, input.name),
);

export const setAutoAwayAction = workspaceAction("settings.manage", autoAwaySchema, async (ctx, input) =>
  setAutoAway(await getDb(), ctx, input.minutes),
);
