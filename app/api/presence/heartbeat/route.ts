import { z } from "zod";
import { uuidSchema } from "@/lib/validation/id";
import { getDb } from "@/db";
import { memberOrResponse } from "@/lib/access/guard";
import { heartbeat } from "@/lib/presence/service";
import { inRequestContext } from "@/lib/request-context";
import { REQUEST_ID_HEADER } from "@/lib/request-id";
import { scoped } from "@/lib/log";

export const dynamic = "force-dynamic";

const bodySchema = z.object({ workspaceId: uuidSchema });

/**
 * Sent by every open app page every 25 s: keeps the member online and "last active" fresh.
 * The middleware does not run for it (middleware.ts), so its request id is made here.
 */
export async function POST(req: Request) {
  return inRequestContext(async (requestId) => {
    const res = await beat(req);
    res.headers.set(REQUEST_ID_HEADER, requestId);
    return res;
  });
}

async function beat(req: Request): Promise<Response> {
  const parsed = bodySchema.safeParse(await req.json().catch(() => null));
  if (!parsed.success) return new Response("Bad request", { status: 400 });
  // last_active_at is written by the heartbeat's own statement (one write, one commit);
  // the user comes from the cookie alone, the membership row decides (bench/README.md B8).
  const member = await memberOrResponse(parsed.data.workspaceId, [], { touch: false, tokenOnly: true });
  if (member instanceof Response) return member;
  try {
    await heartbeat(await getDb(), member.userId, { workspaceId: member.workspaceId });
  } catch (error) {
    scoped("presence").error({ err: error }, "heartbeat failed");
    return new Response("Unavailable", { status: 503 });
  }
  return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
}
