import { forbidden, redirect } from "next/navigation";
import { requireMember } from "@/lib/access/guard";
import { firstModulePath } from "@/lib/access/matrix";

/** /w/[id] opens the first module the member may use (docs/PRODUCT.md, Routes). */
export default async function WorkspaceHome({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const member = await requireMember(workspaceId);
  const path = firstModulePath(member);
  if (!path) forbidden();
  redirect(`/w/${member.workspaceId}/${path}`);
}
