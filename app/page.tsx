import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { getSession } from "@/lib/auth/session";
import { firstWorkspaceId } from "@/lib/services/user-workspaces";

// The front door: signed out → sign in; signed in → the first workspace, or onboarding.
export default async function Home() {
  const session = await getSession();
  if (!session) redirect("/signin");
  const workspaceId = await firstWorkspaceId(await getDb(), session.user.id);
  redirect(workspaceId ? `/w/${workspaceId}` : "/onboarding");
}
