// Custom roles (docs/PERMISSIONS.md, Custom roles): the Settings → Roles forms and actions, and the "role
// choice" every assigning form sends. Pure: the dialogs (zodResolver) and the actions share it.
import { z } from "zod";
import { PERMISSIONS, ROLES, VISIBILITIES, cleanPermissions } from "@/lib/access/matrix";
import { uuid } from "./id";

const idField = uuid("invalidInput");

/**
 * The built-in level names in every language of the app: a custom role may not be called one of them
 * (case and surrounding spaces ignored), so a list never shows two "Manager"s meaning different things.
 */
export const RESERVED_ROLE_NAMES = ["owner", "manager", "agent", "مالك", "مدير", "موظف"] as const;

export const ROLE_NAME_MAX = 60;

export const roleNameSchema = z
  .string({ error: "roles.nameRequired" })
  .trim()
  .min(1, { error: "roles.nameRequired" })
  .max(ROLE_NAME_MAX, { error: "roles.nameTooLong" })
  .refine((name) => !(RESERVED_ROLE_NAMES as readonly string[]).includes(name.toLocaleLowerCase()), {
    error: "roles.nameReserved",
  });

const permissionsField = z.array(z.enum(PERMISSIONS)).max(PERMISSIONS.length).default([]);
const visibilityField = z.enum(VISIBILITIES).default("all");

/** The role dialog's fields (create and edit; on edit the base is shown, fixed). */
export const roleFormSchema = z.object({
  name: roleNameSchema,
  base: z.enum(ROLES, { error: "users.role.invalid" }),
  permissions: permissionsField,
  visibility: visibilityField,
});
export type RoleFormInput = z.input<typeof roleFormSchema>;
export type RoleFormValues = z.output<typeof roleFormSchema>;

/** A new role: its base level is chosen here and fixed from then on (to change it, duplicate). */
export const createRoleSchema = roleFormSchema.transform((v) => ({
  ...v,
  permissions: cleanPermissions(v.base, v.permissions),
  visibility: v.base === "agent" ? v.visibility : ("all" as const),
}));
export type CreateRoleInput = z.input<typeof createRoleSchema>;

/** Name, permissions and visibility; the service cleans the permissions for the stored base. */
export const updateRoleSchema = z.object({
  roleId: idField,
  name: roleNameSchema,
  permissions: permissionsField,
  visibility: visibilityField,
});
export type UpdateRoleInput = z.input<typeof updateRoleSchema>;

export const roleIdSchema = z.object({ roleId: idField });

/**
 * What an assigning form sends: a built-in level (`roleId` null) or a custom role (`roleId` wins; `role` must
 * be its base, checked by the service against the stored role in the same transaction).
 */
export const roleChoiceShape = {
  role: z.enum(ROLES, { error: "users.role.invalid" }),
  roleId: idField.nullable().default(null),
};
export const roleChoiceSchema = z.object(roleChoiceShape);
export type RoleChoice = z.output<typeof roleChoiceSchema>;

/** Delete, optionally moving everyone who holds the role to another choice first (one transaction). */
export const deleteRoleSchema = z.object({
  roleId: idField,
  moveTo: roleChoiceSchema.nullable().default(null),
});
export type DeleteRoleInput = z.input<typeof deleteRoleSchema>;
