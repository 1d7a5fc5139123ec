import { redirect } from "next/navigation";

export default async function OrgSettingsIndex({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  redirect(`/org/${encodeURIComponent(orgId)}/settings/users`);
}
