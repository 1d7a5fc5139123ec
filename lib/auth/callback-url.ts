import { baseUrl } from "@/lib/env";

/**
 * Only same-origin relative paths are accepted as a callbackUrl; anything else (other
 * hosts, protocol-relative "//evil", backslashes, schemes) becomes "/".
 */
export function safeCallbackUrl(value: string | null | undefined): string {
  if (!value) return "/";
  let path = value;
  if (/^https?:\/\//i.test(path)) {
    try {
      const url = new URL(path);
      if (url.origin !== new URL(baseUrl()).origin) return "/";
      path = url.pathname + url.search + url.hash;
    } catch {
      return "/";
    }
  }
  if (!path.startsWith("/") || path.startsWith("//") || path.includes("\\") || /[\u0000-\u001f]/.test(path)) return "/";
  return path;
}
