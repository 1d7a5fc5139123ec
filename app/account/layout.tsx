import type { ReactNode } from "react";
import { requireUser } from "@/lib/access/guard";

// Signed out → /signin, decided before the loading boundary starts the response (a redirect from
// inside it would arrive as a 200 page; docs/ARCHITECTURE.md, known trap 10).
export default async function AccountLayout({ children }: { children: ReactNode }) {
  await requireUser("/account");
  return children;
}
