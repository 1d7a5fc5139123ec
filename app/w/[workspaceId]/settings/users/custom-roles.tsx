"use client";
import { createContext, useContext, type ReactNode } from "react";
import type { Role } from "@/lib/access/matrix";

/** A custom role the viewer may grant (grantableCustomRoles): what the assigning dialogs offer beside the levels. */
export interface CustomRoleOption {
  id: string;
  name: string;
  base: Role;
}

const CustomRoles = createContext<readonly CustomRoleOption[]>([]);

/** The Users page provides the grantable custom roles once; every assigning dialog below reads them. */
export function CustomRolesProvider({ roles, children }: { roles: readonly CustomRoleOption[]; children: ReactNode }) {
  return <CustomRoles.Provider value={roles}>{children}</CustomRoles.Provider>;
}

export const useCustomRoles = () => useContext(CustomRoles);
