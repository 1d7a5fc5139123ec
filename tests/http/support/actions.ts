import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { header, raw, type RawResponse } from "./http";

// Server actions over HTTP, as the browser calls them: POST to a page URL with the
// action id in `Next-Action`, the arguments as a JSON array, the session cookie.

export interface ManifestAction {
  id: string;
  file: string; // e.g. app/w/[workspaceId]/settings/users/actions.ts
  exportName: string;
  /** The first page whose bundle carries the action, e.g. app/w/[workspaceId]/settings/users/page */
  worker: string;
}

export function loadManifest(root: string, distDir: string): ManifestAction[] {
  const manifest = JSON.parse(readFileSync(join(root, distDir, "server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { workers: Record<string, unknown>; filename: string; exportedName: string }>;
  };
  return Object.entries(manifest.node).map(([id, v]) => ({
    id,
    file: v.filename,
    exportName: v.exportedName,
    worker: Object.keys(v.workers)[0] ?? "",
  }));
}

/** Every export of every `"use server"` file under app/ and lib/, read from the sources. */
export function sourceActions(root: string): { file: string; exportName: string }[] {
  const out: { file: string; exportName: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules") walk(path);
      } else if (/\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
        const text = readFileSync(path, "utf8");
        if (!/^\s*(\/\/[^\n]*\n|\/\*[\s\S]*?\*\/\s*)*["']use server["']/.test(text)) continue;
        for (const m of text.matchAll(/^export\s+(?:const|let|async\s+function|function)\s+([A-Za-z0-9_$]+)/gm)) {
          out.push({ file: relative(root, path), exportName: m[1] });
        }
      }
    }
  };
  walk(join(root, "app"));
  walk(join(root, "lib"));
  return out;
}

export type ActionOutcome =
  | { kind: "result"; ok: true; data: unknown; status: number }
  | { kind: "result"; ok: false; code: string; status: number }
  | { kind: "http"; status: number; location: string; body: string } // redirect or a status without an ActionResult
  | { kind: "error"; status: number }; // Next refused before the action ran (e.g. Origin check)

/**
 * The rows of an RSC payload. Most end with a newline; a long string is a text row
 * (`<id>:T<hex byte length>,<text>`) with no newline after it, so the next row follows on the
 * same line (an action result with a QR code image in it, for one).
 */
function rscRows(body: string): string[] {
  const bytes = Buffer.from(body, "utf8");
  const rows: string[] = [];
  let i = 0;
  while (i < bytes.length) {
    const head = /^([0-9a-f]+):T([0-9a-f]+),/.exec(bytes.subarray(i, i + 40).toString("latin1"));
    if (head) {
      i += head[0].length + parseInt(head[2], 16);
      continue;
    }
    let end = bytes.indexOf(0x0a, i);
    if (end < 0) end = bytes.length;
    rows.push(bytes.subarray(i, end).toString("utf8"));
    i = end + 1;
  }
  return rows;
}

/** The ActionResult in the RSC payload (`1:{"ok":…}`), if any. */
export function parseActionResult(body: string): { ok: boolean; code?: string; data?: unknown } | null {
  for (const line of rscRows(body)) {
    const m = /^[0-9a-f]+:(\{.*\})$/.exec(line);
    if (!m) continue;
    try {
      const value = JSON.parse(m[1]) as { ok?: unknown; code?: unknown; data?: unknown };
      if (typeof value.ok === "boolean")
        return { ok: value.ok, code: typeof value.code === "string" ? value.code : undefined, data: value.data };
    } catch {
      /* not JSON: another row kind */
    }
  }
  return null;
}

export function outcomeOf(res: RawResponse): ActionOutcome {
  const result = parseActionResult(res.body);
  if (result)
    return result.ok
      ? { kind: "result", ok: true, data: result.data, status: res.status }
      : { kind: "result", ok: false, code: result.code ?? "?", status: res.status };
  if (res.status >= 500) return { kind: "error", status: res.status };
  return { kind: "http", status: res.status, location: header(res, "location"), body: res.body.slice(0, 200) };
}

export const describeOutcome = (o: ActionOutcome) =>
  o.kind === "result"
    ? o.ok
      ? `ok (HTTP ${o.status})`
      : `${o.code} (HTTP ${o.status})`
    : o.kind === "http"
      ? `HTTP ${o.status}${o.location ? ` → ${o.location}` : o.body.trim() === "{}" ? " {}" : ""}`
      : `HTTP ${o.status} error`;

/** A refusal: an auth code from the wrapper, or the request never reached it (sign-in redirect, 401/403/404). */
export function isRefusal(o: ActionOutcome): boolean {
  if (o.kind === "result") return !o.ok && ["forbidden", "notFound", "unauthenticated"].includes(o.code);
  if (o.kind === "http") {
    // 409: Next found no such action behind the middleware's 403 rewrite (/forbidden): it never ran.
    if ([401, 403, 404, 409].includes(o.status)) return true;
    if (o.status >= 300 && o.status < 400) return /^(https?:\/\/[^/]+)?\/signin/.test(o.location);
    // 200 "{}": Next forwarded the action to the page that owns it, that request was refused
    // (e.g. the middleware sent it to sign-in), and Next answers an empty object: it never ran.
    return o.status === 200 && o.body.trim() === "{}";
  }
  return false;
}

export interface ActionCall {
  id: string;
  path: string;
  args: unknown[] | { multipart: FormData };
  cookie: string | null;
  headers?: Record<string, string>;
}

export async function callAction(
  base: string,
  call: ActionCall,
): Promise<{ res: RawResponse; outcome: ActionOutcome }> {
  const headers: Record<string, string> = {
    "next-action": call.id,
    accept: "text/x-component",
    origin: base,
    ...(call.cookie ? { cookie: call.cookie } : {}),
  };
  let body: string | Buffer;
  if (Array.isArray(call.args)) {
    headers["content-type"] = "text/plain;charset=UTF-8";
    body = JSON.stringify(call.args);
  } else {
    // React's encodeReply for a FormData argument: the form's entries under "1_", the
    // argument list in field "0" referencing it ("$K1").
    const encoded = new Response(call.args.multipart);
    headers["content-type"] = encoded.headers.get("content-type")!;
    body = Buffer.from(await encoded.arrayBuffer());
  }
  const res = await raw(base, call.path, { method: "POST", headers: { ...headers, ...(call.headers ?? {}) }, body });
  return { res, outcome: outcomeOf(res) };
}

/** The URL of a worker page: app/w/[workspaceId]/settings/users/page → /w/<ws>/settings/users. */
export function workerPath(worker: string, params: Record<string, string>): string {
  const path = worker
    .replace(/^app/, "")
    .replace(/\/page$/, "")
    .replace(/\/\([^)]*\)/g, "")
    .replace(/\[([^\]]+)\]/g, (_, name: string) => {
      if (!(name in params)) throw new Error(`no value for [${name}] in ${worker}`);
      return params[name];
    });
  return path || "/";
}
