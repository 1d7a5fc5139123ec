import { getDb } from "@/db";
import { isUuid } from "@/lib/validation/id";
import { getSession } from "@/lib/auth/session";
import { getAvatar } from "@/lib/services/account";

const plain = (text: string, status: number) =>
  new Response(text, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });

/**
 * Uploaded avatars, for their owner and people who share an organization with them (404 for
 * anyone else, as for no avatar). The URL carries a version, so private caching is safe.
 */
export async function GET(_req: Request, { params }: { params: Promise<{ userId: string }> }) {
  const session = await getSession();
  if (!session) return plain("Unauthorized", 401);
  const { userId } = await params;
  if (!isUuid(userId)) return plain("Not found", 404);
  const avatar = await getAvatar(await getDb(), userId, session.user.id);
  if (!avatar) return plain("Not found", 404);
  return new Response(new Uint8Array(avatar.data), {
    status: 200,
    headers: {
      // The stored type was sniffed from the bytes at upload and is one of four image types.
      "content-type": avatar.mime,
      "content-length": String(avatar.data.byteLength),
      "cache-control": "private, max-age=3600",
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
    },
  });
}
