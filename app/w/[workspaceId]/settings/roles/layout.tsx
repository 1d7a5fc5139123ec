import { canManageRoles } from "@/lib/access/matrix";
import { moduleLayout } from "../../_components/module-layout";

// Decides access before loading.tsx streams (docs/ARCHITECTURE.md, known trap 10): the settings layout admits
// anyone with settings; this one only those who may manage roles, so a refusal is a real 403.
export default moduleLayout("settings/roles", canManageRoles);
