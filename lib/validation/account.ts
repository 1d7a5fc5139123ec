import { z } from "zod";
import { LOCALES } from "@/lib/i18n/locales";
import { nameSchema } from "./onboarding";

// Shared by the account forms and their server actions. Messages are catalog keys under `errors.`.

export const profileSchema = z.object({
  name: nameSchema,
  locale: z.enum(LOCALES, { error: "invalidInput" }),
});
export type ProfileInput = z.input<typeof profileSchema>;
export type ProfileValues = z.output<typeof profileSchema>;

export const AVATAR_MAX_BYTES = 1024 * 1024;
export const AVATAR_TYPES = ["image/png", "image/jpeg", "image/webp", "image/gif"] as const;
export type AvatarType = (typeof AVATAR_TYPES)[number];

/**
 * The image type from the file's first bytes. The declared type and the file name are
 * the browser's guess and can lie; the bytes are what a viewer will actually decode.
 */
export function sniffImageType(bytes: Uint8Array): AvatarType | null {
  const starts = (sig: number[], at = 0) => bytes.length >= at + sig.length && sig.every((b, i) => bytes[at + i] === b);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (starts([0xff, 0xd8, 0xff])) return "image/jpeg";
  if (starts([0x47, 0x49, 0x46, 0x38]) && (bytes[4] === 0x37 || bytes[4] === 0x39) && bytes[5] === 0x61)
    return "image/gif";
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return "image/webp";
  return null;
}

/**
 * The avatar upload: a FormData with one file under "avatar". Only size and presence are
 * checked here (cheap, synchronous); the service checks the bytes.
 */
export const avatarUploadSchema = z
  .custom<FormData>((value) => value instanceof FormData, { error: "invalidInput" })
  .transform((form, ctx) => {
    const file = form.get("avatar");
    if (!(file instanceof Blob) || file.size === 0) {
      ctx.addIssue({ code: "custom", message: "avatar.badType", path: ["avatar"] });
      return z.NEVER;
    }
    if (file.size > AVATAR_MAX_BYTES) {
      ctx.addIssue({ code: "custom", message: "avatar.tooLarge", path: ["avatar"] });
      return z.NEVER;
    }
    return file;
  });
