import { z } from "zod";
import { ALLOWLIST_MAX, normalizeCidr } from "@/lib/net/allowlist";

/**
 * The org's IP allow-list as typed: one range per line (commas and spaces also separate). Each
 * line must be an IPv4 or IPv6 range or address; the result is normalised and without duplicates.
 */
export const ipAllowlistSchema = z.object({
  ranges: z
    .string()
    .max(20_000, "ipAllowlistTooMany")
    .transform((text, ctx) => {
      const lines = text.split(/[\s,]+/).filter(Boolean);
      const out: string[] = [];
      for (const line of lines) {
        const cidr = normalizeCidr(line);
        if (!cidr) {
          ctx.addIssue({ code: "custom", message: "ipAllowlistInvalid" });
          return z.NEVER;
        }
        if (!out.includes(cidr)) out.push(cidr);
      }
      if (out.length > ALLOWLIST_MAX) {
        ctx.addIssue({ code: "custom", message: "ipAllowlistTooMany" });
        return z.NEVER;
      }
      return out;
    }),
});
export type IpAllowlistInput = z.input<typeof ipAllowlistSchema>;
