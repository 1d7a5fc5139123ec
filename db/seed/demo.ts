import type { Db } from "../connect";
// Placeholder replaced by the demo seed.
export async function seedDemoIfEmpty(_db: Db): Promise<void> {}
