import { z } from "zod";
import { uuid } from "./id";

// Organization single sign-on settings (docs/SECURITY.md, Single sign-on). Messages are codes
// under `errors.` (lib/i18n/messages/*/errors.ts, `sso`).

const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** A domain as typed ("Example.COM."), lower-cased without a trailing dot, or null. */
export function normalizeDomain(raw: string): string | null {
  const d = raw.trim().toLowerCase().replace(/\.$/, "");
  return DOMAIN.test(d) ? d : null;
}

const issuer = z
  .string()
  .trim()
  .max(500, "sso.issuer")
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === "https:" || u.protocol === "http:") && !u.search && !u.hash && !u.username;
    } catch {
      return false;
    }
  }, "sso.issuer")
  .transform((v) => v.replace(/\/+$/, "") || v);

export const ssoConfigSchema = z
  .object({
    issuer,
    clientId: z.string().trim().min(1, "sso.clientId").max(300, "sso.clientId"),
    /** Write-only: empty keeps the secret already set. */
    clientSecret: z.string().max(1000, "sso.clientSecret").default(""),
    enabled: z.boolean(),
    defaultWorkspaceId: z.union([z.literal(""), uuid("sso.defaultWorkspace")]).default(""),
    defaultRole: z.enum(["", "manager", "agent"], { error: "sso.defaultRole" }).default(""),
  })
  .refine((v) => (v.defaultWorkspaceId === "") === (v.defaultRole === ""), {
    path: ["defaultRole"],
    message: "sso.defaultRole",
  });
export type SsoConfigInput = z.input<typeof ssoConfigSchema>;

export const ssoDomainSchema = z.object({
  domain: z
    .string()
    .max(260, "sso.domain")
    .transform((v, ctx) => {
      const d = normalizeDomain(v);
      if (!d) {
        ctx.addIssue({ code: "custom", message: "sso.domain" });
        return z.NEVER;
      }
      return d;
    }),
});
export type SsoDomainInput = z.input<typeof ssoDomainSchema>;

export const ssoDomainIdSchema = z.object({ domainId: uuid("notFound") });
export const ssoRequireSchema = z.object({ domainId: uuid("notFound"), required: z.boolean() });
