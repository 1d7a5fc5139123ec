/**
 * A real OpenID Connect provider (`oidc-provider`, the certified Node implementation) for the SSO
 * tests, on a free port of 127.0.0.1, with its development login/consent pages. `accounts` says
 * what each login's id token claims; `tamper` lets a probe re-sign the id token with other claims
 * (another audience, another nonce), as a misbehaving or hostile provider would.
 *
 *   const idp = await startIdp({ redirectUri: `${baseUrl()}/api/sso/callback` });
 *   idp.accounts.set("ann", { email: "ann@acme.test", email_verified: true, name: "Ann" });
 *   const callbackUrl = await idp.authorize(authorizationUrl, "ann");
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { decodeJwt, exportJWK, generateKeyPair, SignJWT, type KeyLike } from "jose";
import Provider from "oidc-provider";

export interface IdpAccount {
  email?: string;
  email_verified?: boolean;
  name?: string;
}

export interface TestIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, IdpAccount>;
  /** Rewrites the id token's claims before it is sent (then re-signed with the provider's key). */
  tamper: { idToken: ((claims: Record<string, unknown>) => Record<string, unknown>) | null };
  /** Follow an authorization URL through login and consent as `login`; the URL it redirects back to. */
  authorize(authorizationUrl: string, login: string): Promise<string>;
  close(): Promise<void>;
}

export async function startIdp(opts: {
  redirectUri: string;
  clientId?: string;
  clientSecret?: string;
  /** Let the process exit with the provider still listening (a suite-wide provider nobody closes). */
  unref?: boolean;
}): Promise<TestIdp> {
  const clientId = opts.clientId ?? "switchboard-test";
  const clientSecret = opts.clientSecret ?? "test-secret-0123456789-abcdefghij";
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: "test-key", alg: "RS256", use: "sig" };
  const accounts = new Map<string, IdpAccount>();
  const tamper: TestIdp["tamper"] = { idToken: null };

  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  if (opts.unref) server.unref();
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [opts.redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: ["test-idp-cookie-key"] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    findAccount: async (_ctx: unknown, sub: string) => {
      const account = accounts.get(sub);
      return account ? { accountId: sub, claims: async () => ({ sub, ...account }) } : undefined;
    },
  });
  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { id_token?: string } | undefined;
    if (ctx.path === "/token" && tamper.idToken && body?.id_token) {
      const claims = tamper.idToken(decodeJwt(body.id_token) as Record<string, unknown>);
      const idToken = await new SignJWT(claims)
        .setProtectedHeader({ alg: "RS256", kid: "test-key", typ: "JWT" })
        .sign(privateKey as KeyLike);
      ctx.body = { ...body, id_token: idToken };
    }
  });
  server.on("request", provider.callback());

  const jar = new Map<string, string>();
  const remember = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      const name = pair.slice(0, i);
      const value = pair.slice(i + 1);
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(c) || value === "") jar.delete(name);
      else jar.set(name, value);
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const send = async (url: string, init: RequestInit = {}) => {
    const res = await fetch(url, { ...init, redirect: "manual", headers: { ...init.headers, cookie: cookie() } });
    remember(res);
    return res;
  };

  async function authorize(authorizationUrl: string, login: string): Promise<string> {
    jar.clear();
    let url = authorizationUrl;
    for (let hop = 0; hop < 12; hop++) {
      if (url.startsWith(opts.redirectUri)) return url;
      let res = await send(url);
      if (res.status === 200 && new URL(url).pathname.startsWith("/interaction/")) {
        const html = await res.text();
        const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
        if (!prompt) throw new Error(`no prompt on ${url}`);
        const form = new URLSearchParams({ prompt, login, password: "any" });
        res = await send(url, {
          method: "POST",
          body: form.toString(),
          headers: { "content-type": "application/x-www-form-urlencoded" },
        });
      }
      const location = res.headers.get("location");
      if (!location) throw new Error(`identity provider answered ${res.status} at ${url}: ${await res.text()}`);
      url = new URL(location, url).href;
    }
    throw new Error("too many redirects at the identity provider");
  }

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    tamper,
    authorize,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
