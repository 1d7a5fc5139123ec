"use client";
import { createContext, useContext, type ReactNode } from "react";
import { usePresence, type PresenceState } from "@/lib/presence/client";
import { presenceDot, type PresenceDot } from "@/lib/validation/availability";
import { Avatar, type AvatarProps } from "./avatar";

// One presence stream for a server-rendered list (the Users report): the provider holds it, each
// avatar inside reads its member's state, so the dots change live without a reload.

const LiveState = createContext<Record<string, PresenceState>>({});

export function LivePresence({
  workspaceId,
  initial,
  children,
}: {
  workspaceId: string;
  /** userId → state as the server rendered it. */
  initial: Record<string, PresenceState>;
  children: ReactNode;
}) {
  return <LiveState.Provider value={usePresence(workspaceId, initial)}>{children}</LiveState.Provider>;
}

/** An avatar whose dot follows the presence stream; `labels` are the translated dot labels. */
export function LiveAvatar({
  labels,
  ...props
}: Omit<AvatarProps, "status" | "statusLabel"> & { labels: Record<PresenceDot, string> }) {
  const state = useContext(LiveState)[props.userId];
  const dot = presenceDot(state?.online ?? false, state?.away ?? false);
  return <Avatar {...props} status={dot} statusLabel={labels[dot]} />;
}
