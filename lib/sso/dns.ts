import "server-only";
import { resolveTxt } from "node:dns/promises";
import { ssoTrustedTestDomains } from "@/lib/env";

// Domain verification (docs/SECURITY.md, Single sign-on): a TXT record
// `switchboard-verify=<token>` at the domain itself. The resolver is replaceable for tests.

export type TxtResolver = (domain: string) => Promise<string[][]>;

let resolver: TxtResolver = resolveTxt;

/** Tests only: answer TXT lookups from a function; null restores node:dns. */
export function setTxtResolver(fn: TxtResolver | null): void {
  resolver = fn ?? resolveTxt;
}

export const verificationRecord = (token: string) => `switchboard-verify=${token}`;

/** Whether the domain publishes the record. A failed lookup (no record, NXDOMAIN, timeout) is false. */
export async function domainHasRecord(domain: string, token: string): Promise<boolean> {
  if (ssoTrustedTestDomains().includes(domain)) return true;
  const want = verificationRecord(token);
  try {
    const records = await resolver(domain);
    return records.some((chunks) => chunks.join("").trim() === want);
  } catch {
    return false;
  }
}
