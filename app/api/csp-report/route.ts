// Where browsers report Content-Security-Policy violations (the policy's report-uri). Public:
// a report can come from any page, signed in or not. It is only logged, bounded and sanitised,
// so it cannot be used to write anything anywhere.
import { requestLog } from "@/lib/request-context";

const MAX_BYTES = 16 * 1024;

export async function POST(req: Request) {
  const text = (await req.text().catch(() => "")).slice(0, MAX_BYTES);
  let report: unknown = null;
  try {
    report = JSON.parse(text);
  } catch {
    return new Response(null, { status: 400 });
  }
  const body = (report as { "csp-report"?: Record<string, unknown> } | null)?.["csp-report"] ?? report;
  const field = (key: string) => {
    const value = (body as Record<string, unknown> | null)?.[key];
    return typeof value === "string" || typeof value === "number" ? String(value).slice(0, 300) : "";
  };
  (await requestLog("csp")).warn(
    {
      page: field("document-uri"),
      directive: field("violated-directive") || field("effective-directive"),
      blocked: field("blocked-uri"),
      source: field("source-file"),
      line: field("line-number"),
    },
    "violation",
  );
  return new Response(null, { status: 204 });
}
