import { redirect } from "next/navigation";
import { requireOrgAdmin } from "@/lib/access/guard";

/** The organization's index opens its Users page, for its admins only (others get 403 or 404 here). */
export default async function OrgIndex({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const admin = await requireOrgAdmin(orgId);
  redirect(`/org/${admin.orgId}/settings/users`);
}
