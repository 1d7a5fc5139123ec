import type { ReactNode } from "react";
import { requireMember } from "@/lib/access/guard";
import { routePermissions } from "@/lib/access/matrix";
import type { MemberContext } from "@/lib/access/member";

/**
 * The layout of a workspace module that has a loading.tsx: it decides access before the
 * loading boundary starts the response. A page inside the boundary that calls notFound() or
 * forbidden() after its first await would already have sent "200" with the skeleton
 * (docs/ARCHITECTURE.md, known trap 10). The member is cached per request, so the page's own
 * check costs nothing more. `allow`: a rule beyond the matrix (Settings → Roles: canManageRoles).
 */
export function moduleLayout(path: string, allow?: (member: MemberContext) => boolean) {
  return async function ModuleLayout({
    children,
    params,
  }: {
    children: ReactNode;
    params: Promise<{ workspaceId: string }>;
  }) {
    const { workspaceId } = await params;
    await requireMember(workspaceId, routePermissions(path), `/w/${workspaceId}/${path}`, allow);
    return children;
  };
}
