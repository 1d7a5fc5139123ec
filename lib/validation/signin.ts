import { z } from "zod";
import { emailSchema } from "./email";

/** The sign-in form; the server (lib/auth/signin-guard.ts) applies the same normalisation. */
export const signInSchema = z.object({ email: emailSchema });
export type SignInInput = z.input<typeof signInSchema>;
export type SignInValues = z.output<typeof signInSchema>;
