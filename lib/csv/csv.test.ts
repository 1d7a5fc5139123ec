// Property tests of the CSV writer (docs/PRODUCT.md, Users page Export): whatever the text, a real RFC 4180
// parser (csv-parse) reads back exactly the neutralised value, and no cell a spreadsheet
// sees starts with a formula character.
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BOM, csvCell, csvRow, parseCsv as readCsv } from "./csv";
import { csvResponse } from "./response";

const FORMULA = /^[=+\-@\t\r]/;
/** What the cell must read back as: the text, with a leading quote if a spreadsheet would run it. */
const neutralised = (text: string) => (FORMULA.test(text) ? `'${text}` : text);
const parseCsv = (text: string): string[][] =>
  parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false });

// Characters that matter to CSV and to spreadsheets, plus Arabic, to mix with anything.
const tricky = fc.constantFrom(
  "=",
  "+",
  "-",
  "@",
  "\t",
  "\r",
  "\n",
  "\r\n",
  '"',
  ",",
  "'",
  " ",
  "ب",
  "محمد",
  "ـ",
  "\u200f",
  "😀",
  '=HYPERLINK("http://x")',
  "a",
);
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.string({ unit: "grapheme" }),
  fc.string({ unit: tricky }),
  fc.tuple(fc.constantFrom("=", "+", "-", "@", "\t", "\r"), fc.string({ unit: tricky })).map(([a, b]) => a + b),
  fc.string({ unit: fc.constantFrom(..."ابتثجحخدذرسشصضطظعغفقكلمنهوي ،") }),
);
// Two cells at least: a row holding one empty cell is an empty line, which RFC 4180 cannot tell apart.
const row = fc.array(text, { minLength: 2, maxLength: 6 });

describe("parseCsv (reading a file back, for bulk invite)", () => {
  it("reads what csvRow writes as csv-parse does, with the writer's neutralising quote removed", () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 4 }), (rows) => {
        const csv = BOM + rows.map(csvRow).join("");
        const expected = parseCsv(csv).map((cells) => cells.map((c) => (/^'[=+\-@\t\r]/.test(c) ? c.slice(1) : c)));
        expect(readCsv(csv)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it("reads LF or CRLF rows, skips empty lines, keeps quoted line breaks, stops at maxRows", () => {
    expect(readCsv('a,b\n\n"x\ny","q""q"\r\nlast')).toEqual([["a", "b"], ["x\ny", 'q"q'], ["last"]]);
    expect(readCsv("'=1+2,'-5,'x")).toEqual([["=1+2", "-5", "'x"]]);
    expect(readCsv("1\n2\n3\n4", 2)).toEqual([["1"], ["2"]]);
    expect(readCsv("")).toEqual([]);
  });
});

describe("csvRow / csvCell", () => {
  it("round-trips through csv-parse to the neutralised values, row after row", () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 4 }), (rows) => {
        const csv = BOM + rows.map(csvRow).join("");
        expect(parseCsv(csv)).toEqual(rows.map((cells) => cells.map(neutralised)));
      }),
      { numRuns: 500 },
    );
  });

  it("never lets a parsed cell start with = + - @ tab or carriage return", () => {
    fc.assert(
      fc.property(row, (cells) => {
        for (const cell of parseCsv(BOM + csvRow(cells))[0]) expect(cell).not.toMatch(FORMULA);
      }),
      { numRuns: 500 },
    );
  });

  it("ends every row with CRLF and quotes only when it must", () => {
    expect(csvRow(["a", "b"])).toBe("a,b\r\n");
    expect(csvRow(['say "hi"', "x,y", "line\nbreak"])).toBe('"say ""hi""","x,y","line\nbreak"\r\n');
    expect(csvCell("=1+2")).toBe("'=1+2");
    expect(csvCell("-5")).toBe("'-5");
    expect(csvCell("\r=cmd")).toBe('"\'\r=cmd"');
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe('"\'=HYPERLINK(""http://evil"",""x"")"');
    expect(csvCell("ليلى")).toBe("ليلى");
    expect(csvCell(null)).toBe("");
    expect(csvCell(new Date("2026-01-02T03:04:05.678Z"))).toBe("2026-01-02T03:04:05.678Z");
  });

  it("csvResponse streams a UTF-8 BOM, the header and every row", async () => {
    async function* chunks() {
      yield csvRow(["ليلى", "=1"]);
      yield csvRow(["b", null]);
    }
    const res = csvResponse("users 2026.csv", ["name", "value"], chunks());
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="users_2026.csv"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(parseCsv(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes))).toEqual([
      ["name", "value"],
      ["ليلى", "'=1"],
      ["b", ""],
    ]);
  });

  it("csvResponse pulls the source one chunk at a time and ends it when the reader cancels", async () => {
    let pulled = 0;
    let ended = false;
    async function* chunks() {
      try {
        for (;;) {
          pulled++;
          yield csvRow([`row ${pulled}`]);
        }
      } finally {
        ended = true;
      }
    }
    const reader = csvResponse("x.csv", ["name"], chunks()).body!.getReader();
    const decode = (b: Uint8Array | undefined) => new TextDecoder("utf-8", { ignoreBOM: true }).decode(b);
    expect(decode((await reader.read()).value)).toBe(BOM + "name\r\n");
    expect(decode((await reader.read()).value)).toBe("row 1\r\n");
    expect(pulled).toBeLessThanOrEqual(2);
    await reader.cancel();
    expect(ended).toBe(true);
    expect(pulled).toBeLessThanOrEqual(2);
  });
});
