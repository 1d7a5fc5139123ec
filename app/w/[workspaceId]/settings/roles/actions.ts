"use server";
import { getDb } from "@/db";
import { workspaceAction, type WorkspaceRule } from "@/lib/actions/wrap";
import { canManageRoles, routePermissions } from "@/lib/access/matrix";
import { createRole, deleteRole, duplicateRole, updateRole } from "@/lib/services/roles";
import { createRoleSchema, deleteRoleSchema, roleIdSchema, updateRoleSchema } from "@/lib/validation/roles";

// Thin: wrapped (session → membership → matrix → canManageRoles → zod); the service scopes every statement
// to the workspace and runs each write in one transaction.

const MANAGE_ROLES: WorkspaceRule = { permissions: routePermissions("settings/roles"), allow: canManageRoles };

export const createRoleAction = workspaceAction(MANAGE_ROLES, createRoleSchema, async (ctx, input) =>
  createRole(await getDb(), ctx, input),
);

export const duplicateRoleAction = workspaceAction(MANAGE_ROLES, roleIdSchema, async (ctx, input) =>
  duplicateRole(await getDb(), ctx, input.roleId, (n, name) =>
    n === 1 ? ctx.t("roles.copyOf", { name }) : ctx.t("roles.copyOfNumbered", { name, n }),
  ),
);

export const updateRoleAction = workspaceAction(MANAGE_ROLES, updateRoleSchema, async (ctx, input) =>
  updateRole(await getDb(), ctx, input),
);

export const deleteRoleAction = workspaceAction(MANAGE_ROLES, deleteRoleSchema, async (ctx, input) =>
  deleteRole(await getDb(), ctx, input),
);
