import "server-only";
import { scoped } from "@/lib/log";
import { BOM, csvRow } from "./csv";

// Apart from lib/csv/csv.ts, which stays pure: the browser's CSV parsing (bulk invite) imports it.

/**
 * A streamed CSV download: BOM, header, then the CSV text the source yields, chunk by chunk
 * (whole CRLF-terminated lines: csvRow in JS, or text built by the database, bench/README.md B6).
 * Pulled one chunk at a time, so a slow reader holds the source back; cancel ends it.
 */
export function csvResponse(filename: string, header: readonly string[], chunks: AsyncIterable<string>): Response {
  const encoder = new TextEncoder();
  const iterator = chunks[Symbol.asyncIterator]();
  let started = false;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(BOM + csvRow(header)));
          return;
        }
        const next = await iterator.next();
        if (next.done) {
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        if (cancelled) return;
        scoped("csv").error({ err: error }, "export failed");
        controller.error(new Error("export failed"));
      }
    },
    async cancel() {
      cancelled = true;
      await iterator.return?.();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
