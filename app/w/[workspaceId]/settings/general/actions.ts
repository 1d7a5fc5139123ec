"use server";
import { getDb } from "@/db";
import { workspaceAction } from "@/lib/actions/wrap";
import { renameWorkspace } from "@/lib/services/workspace-settings";
import { renameWorkspaceSchema } from "@/lib/validation/settings";

export const renameWorkspaceAction = workspaceAction("settings.manage", renameWorkspaceSchema, async (ctx, input) =>
  renameWorkspace(await getDb(), ctx, input.name),
);
