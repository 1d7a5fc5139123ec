import type { ReactNode } from "react";
import { requireMember } from "@/lib/access/guard";
import { routePermissions } from "@/lib/access/matrix";

/**
 * The layout of a workspace module that has a loading.tsx: it decides access before the
 * loading boundary starts the response. A page inside the boundary that calls notFound() or
 * forbidden() after its first await would already have sent "200" with the skeleton
 * (docs/ARCHITECTURE.md, known trap 10). The member is cached per request, so the page's own
 * check costs nothing more.
 */
export function moduleLayout(path: string) {
  return async function ModuleLayout({
    children,
    params,
  }: {
    children: ReactNode;
    params: Promise<{ workspaceId: string }>;
  }) {
    const { workspaceId } = await params;
    await requireMember(workspaceId, routePermissions(path), `/w/${workspaceId}/${path}`);
    return children;
  };
}
