import { z } from "zod";

// One plain address: no quotes, comments, spaces, angle brackets or lists.
// Letters may be any script (IDN); structure is the conservative RFC 5321 dot-atom.
const LOCAL = /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+(\.[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+)*$/u;
const DOMAIN = /^(?=.{1,253}$)([\p{L}\p{N}]([\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+[\p{L}\p{N}]{2,63}$/u;

/**
 * Normalise an email for comparison and storage (docs/PRODUCT.md, Users page: NFKC + lower case),
 * or return null when the input is not exactly one plain address.
 * The raw input must already contain its one "@": a full-width "＠" (or any other
 * character NFKC turns into "@") is refused rather than silently converted.
 */
export function normalizeEmail(raw: string): string | null {
  const trimmed = raw.trim();
  if (trimmed.length === 0 || trimmed.length > 254) return null;
  if ((trimmed.match(/@/g) ?? []).length !== 1) return null;
  const email = trimmed.normalize("NFKC").toLowerCase();
  if ((email.match(/@/g) ?? []).length !== 1) return null;
  const [local, domain] = email.split("@");
  if (!local || !domain || local.length > 64) return null;
  if (!LOCAL.test(local) || !DOMAIN.test(domain)) return null;
  return email;
}

/** A form field holding one email; the parsed value is normalised. */
export const emailSchema = z
  .string({ error: "email.invalid" })
  .max(254, { error: "email.invalid" })
  .transform((value, ctx) => {
    const email = normalizeEmail(value);
    if (!email) {
      ctx.addIssue({ code: "custom", message: "email.invalid" });
      return z.NEVER;
    }
    return email;
  });
