"use server";
import { getDb } from "@/db";
import { workspaceAction } from "@/lib/actions/wrap";
import { createSnippet, deleteSnippet, updateSnippet } from "@/lib/services/snippets";
import { snippetIdSchema, snippetSchema, updateSnippetSchema } from "@/lib/validation/settings";

export const createSnippetAction = workspaceAction("settings.manage", snippetSchema, async (ctx, input) =>
  createSnippet(await getDb(), ctx, input),
);

export const updateSnippetAction = workspaceAction("settings.manage", updateSnippetSchema, async (ctx, input) =>
  updateSnippet(await getDb(), ctx, input),
);

export const deleteSnippetAction = workspaceAction("settings.manage", snippetIdSchema, async (ctx, input) =>
  deleteSnippet(await getDb(), ctx, input.snippetId),
);
