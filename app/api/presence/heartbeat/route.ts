import { z } from "zod";
import { uuidSchema } from "@/lib/validation/id";
import { getDb } from "@/db";
import { memberOrResponse } from "@/lib/access/guard";
import { heartbeat } from "@/lib/presence/service";

export const dynamic = "force-dynamic";

const bodySchema = z.object({ workspaceId: uuidSchema });

/** Sent by every open app page every 25 s: keeps the member online and "last active" fresh. */
export async function POST(req: Request) {
  const parsed = bodySchema.safeParse(await req.json().catch(() => null));
  if (!parsed.success) return new Response("Bad request", { status: 400 });
  // last_active_at is written by the heartbeat's own statement (one write, one commit);
  // the user comes from the cookie alone, the membership row decides (bench/README.md B8).
  const member = await memberOrResponse(parsed.data.workspaceId, [], { touch: false, tokenOnly: true });
  if (member instanceof Response) return member;
  try {
    await heartbeat(await getDb(), member.userId, { workspaceId: member.workspaceId });
  } catch (error) {
    console.error("[presence] heartbeat failed", error);
    return new Response("Unavailable", { status: 503 });
  }
  return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
}
