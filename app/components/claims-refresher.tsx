"use client";
import { useEffect, useRef } from "react";
import { useSession } from "next-auth/react";

/**
 * The edge gate decides from the token's claims; the server decides from the database.
 * When the membership changed (its version moved on), refresh the token's claims so the
 * fast gate agrees again (docs/ARCHITECTURE.md, the request path).
 */
export function ClaimsRefresher({ workspaceId, version }: { workspaceId: string; version: number }) {
  const { data, update, status } = useSession();
  const asked = useRef<number | null>(null);
  const claimed = data?.versions?.[workspaceId];
  useEffect(() => {
    if (status !== "authenticated" || claimed === version || asked.current === version) return;
    asked.current = version;
    void update();
  }, [status, claimed, version, update]);
  return null;
}
