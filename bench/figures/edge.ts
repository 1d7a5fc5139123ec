// B2: the edge middleware's decision for one request, in-process: `decode` (lib/auth/jwt, as the middleware) of a
// real session JWT (what getToken does with the cookie) + `gate` (matrix), per request.
import { decode } from "@/lib/auth/jwt";
import { gate } from "@/lib/access/edge-gate";
import type { TokenClaims } from "@/lib/auth/claims";
import { verdict, type Ctx, type Figure } from "../lib/context";
import { cookieFor } from "../lib/session";
import { median, p95 } from "../lib/stats";

export async function edgeDecision(ctx: Ctx): Promise<Figure[]> {
  const out: Figure[] = [];
  for (const [who, userId, sub] of [
    ["Owner → settings/users", ctx.ids.owner, "settings/users"],
    ["Agent → inbox", ctx.ids.inboxAgent, "inbox"],
  ] as const) {
    const token = (await cookieFor(ctx.bench.db, ctx.secret, userId)).split("=")[1];
    const pathname = `/w/${ctx.workspaceId}/${sub}`;
    const once = async () => {
      const claims = (await decode({ token, secret: ctx.secret })) as TokenClaims | null;
      return gate(pathname, claims);
    };
    const decision = await once();
    for (let i = 0; i < 2000; i++) await once(); // warm-up (JIT, key derivation caches)
    const times: number[] = [];
    for (let run = 0; run < Math.max(ctx.runs, 5); run++) {
      for (let i = 0; i < 2000; i++) {
        const t = performance.now();
        await once();
        times.push(performance.now() - t);
      }
    }
    out.push({
      id: "B2",
      name: `Edge decision (decode + gate), ${who}`,
      target: "≤ 0.2 ms median",
      unit: "ms",
      median: median(times),
      p95: p95(times),
      verdict: verdict(median(times) <= 0.2),
      notes: [`${times.length} decisions in-process, decision "${decision}"`],
    });
  }
  return out;
}
