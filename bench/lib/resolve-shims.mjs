// Module resolution hook for the bench process (see hooks.mjs).
const SHIMS = {
  "@/lib/i18n/server": new URL("./i18n-server-shim.ts", import.meta.url).href,
};

export async function resolve(specifier, context, next) {
  const shim = SHIMS[specifier];
  if (shim) return next(shim, context);
  return next(specifier, context);
}
