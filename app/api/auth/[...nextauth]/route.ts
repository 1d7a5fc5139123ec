import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { guardEmailSignIn } from "@/lib/auth/signin-guard";

const handler = NextAuth(authOptions);

type Ctx = { params: Promise<{ nextauth: string[] }> };

async function POST(req: Request, ctx: Ctx) {
  const { nextauth } = await ctx.params;
  if (nextauth.join("/") === "signin/email") {
    const refused = await guardEmailSignIn(req.clone());
    if (refused) return refused;
  }
  return handler(req, ctx);
}

export { handler as GET, POST };
