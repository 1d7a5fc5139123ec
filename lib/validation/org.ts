import { z } from "zod";
import { nameSchema } from "./onboarding";

// Organization settings: shared by the forms and the org actions.
export const createWorkspaceSchema = z.object({ name: nameSchema });
export type CreateWorkspaceInput = z.input<typeof createWorkspaceSchema>;

export const orgUsersQuerySchema = z.object({
  q: z.string().trim().max(200).default(""),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
