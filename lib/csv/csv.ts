// RFC 4180 CSV with formula-injection neutralisation (OWASP "CSV injection").

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: neutralised if a spreadsheet would run it, quoted when it must be. */
export function csvCell(value: string | number | boolean | Date | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (FORMULA_START.test(text)) text = "'" + text;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(cells: readonly (string | number | boolean | Date | null | undefined)[]): string {
  return cells.map(csvCell).join(",") + "\r\n";
}

/** UTF-8 byte-order mark, so spreadsheet programs read Arabic names correctly. */
export const BOM = "\uFEFF";

export type CsvValue = string | number | boolean | Date | null | undefined;

/**
 * A streamed CSV download: BOM, header, then the rows, batch by batch as the source
 * yields them (one await per batch, not per row: bench B6).
 */
export function csvResponse(filename: string, header: readonly string[], batches: AsyncIterable<readonly (readonly CsvValue[])[]>): Response {
  const encoder = new TextEncoder();
  const iterator = batches[Symbol.asyncIterator]();
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
        let chunk = "";
        for (const row of next.value) chunk += csvRow(row);
        controller.enqueue(encoder.encode(chunk));
      } catch (error) {
        if (cancelled) return;
        console.error("[csv] export failed", error);
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
