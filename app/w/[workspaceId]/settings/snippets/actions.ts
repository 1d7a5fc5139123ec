"use server";
import { getDb } from "@/db";
import { workspaceAction, type WorkspaceContext } from "@/lib/actions/wrap";
import { createSnippet, deleteSnippet, updateSnippet } from "@/lib/services/snippets";
import { snippetIdSchema, snippetSchema, updateSnippetSchema } from "@/lib/validation/settings";

const actor = (ctx: WorkspaceContext) => ({ userId: ctx.userId, workspaceId: ctx.member.workspaceId, ip: ctx.ip });

export const createSnippetAction = workspaceAction("settings.manage", snippetSchema, async (ctx, input) =>
  createSnippet(await getDb(), actor(ctx), input),
);

export const updateSnippetAction = workspaceAction("settings.manage", updateSnippetSchema, async (ctx, input) =>
  updateSnippet(await getDb(), actor(ctx), input),
);

export const deleteSnippetAction = workspaceAction("settings.manage", snippetIdSchema, async (ctx, input) =>
  deleteSnippet(await getDb(), actor(ctx), input.snippetId),
);
