"use server";
import { getDb } from "@/db";
import { workspaceAction } from "@/lib/actions/wrap";
import {
  addTeamMember,
  createTeam,
  deleteTeam,
  removeTeamMember,
  renameTeam,
  teamMemberCandidates,
} from "@/lib/services/teams";
import {
  memberPickerSchema,
  renameTeamSchema,
  teamIdSchema,
  teamMemberSchema,
  teamNameSchema,
} from "@/lib/validation/settings";

// Thin: wrapped (session → membership → matrix → zod); the services scope every statement to the workspace.

export const createTeamAction = workspaceAction("settings.manage", teamNameSchema, async (ctx, input) =>
  createTeam(await getDb(), ctx, input.name),
);

export const renameTeamAction = workspaceAction("settings.manage", renameTeamSchema, async (ctx, input) =>
  renameTeam(await getDb(), ctx, input.teamId, input.name),
);

export const deleteTeamAction = workspaceAction("settings.manage", teamIdSchema, async (ctx, input) =>
  deleteTeam(await getDb(), ctx, input.teamId),
);

export const addTeamMemberAction = workspaceAction("settings.manage", teamMemberSchema, async (ctx, input) =>
  addTeamMember(await getDb(), ctx, input.teamId, input.userId),
);

export const removeTeamMemberAction = workspaceAction("settings.manage", teamMemberSchema, async (ctx, input) =>
  removeTeamMember(await getDb(), ctx, input.teamId, input.userId),
);

export const teamCandidatesAction = workspaceAction("settings.manage", memberPickerSchema, async (ctx, input) =>
  teamMemberCandidates(await getDb(), ctx.member.workspaceId, input.teamId, input.q),
);
