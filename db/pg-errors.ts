// PostgreSQL error codes the services turn into refusals (same codes from pg and PGlite).
const code = (e: unknown) => (e as { code?: unknown } | null)?.code;

export const isUniqueViolation = (e: unknown) => code(e) === "23505";
export const isForeignKeyViolation = (e: unknown) => code(e) === "23503";
