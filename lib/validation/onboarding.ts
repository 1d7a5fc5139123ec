import { z } from "zod";

// Shared by the onboarding form (zodResolver) and its server action.
// Messages are catalog keys under `errors.` (no spaces: the action wrapper relies on that).
export const NAME_MAX = 120;

/** A display name for an organization, a workspace or a person: trimmed, 1–120 characters. */
export const nameSchema = z
  .string({ error: "name.required" })
  .trim()
  .min(1, { error: "name.required" })
  .max(NAME_MAX, { error: "name.tooLong" });

export const onboardingSchema = z.object({
  organizationName: nameSchema,
  workspaceName: nameSchema,
});

export type OnboardingInput = z.input<typeof onboardingSchema>;
export type OnboardingValues = z.output<typeof onboardingSchema>;
