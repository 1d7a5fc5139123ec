import { moduleLayout } from "../_components/module-layout";

export default moduleLayout("reports");
