import "server-only";
import * as client from "openid-client";
import { ssoInsecureIssuerAllowed } from "@/lib/env";

// openid-client v6: discovery of an issuer, and the redirect URI we register.

const TIMEOUT_S = 10;

/** The issuer's Configuration (its discovery document fetched and checked: `issuer` must match). */
export async function discover(issuer: string, clientId: string, clientSecret?: string): Promise<client.Configuration> {
  const url = new URL(issuer);
  const insecure = url.protocol === "http:";
  if (insecure && !ssoInsecureIssuerAllowed()) throw new Error("http issuer refused");
  // client_secret_basic: the token endpoint's default authentication in OpenID Connect Core 9.
  const auth = clientSecret ? client.ClientSecretBasic(clientSecret) : client.None();
  return client.discovery(url, clientId, undefined, auth, {
    timeout: TIMEOUT_S,
    execute: insecure ? [client.allowInsecureRequests] : [],
  });
}
