// csvCellSql (the database's csvCell, bench/README.md B6) against csvCell itself, on the real database
// (PGlite in `npm test`, PostgreSQL in `test:db`), and the contacts export it builds.
import fc from "fast-check";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { loadMember } from "@/lib/access/member";
import { contactsCsvRows } from "@/lib/services/contacts";
import { addMember, createUser, createWorkspace } from "@/tests/helpers/fixtures";
// Aliased: the React hooks lint rule reads any `use…` call at the top level as a hook.
import { setupTestDb as openTestDb } from "@/tests/helpers/db";
import { csvCell, csvCellSql, csvRow } from "./csv";

const t = openTestDb();

// What a text column can hold: no NUL, no lone surrogate (UTF-8 cannot carry one).
const storable = (s: string) => !s.includes("\0") && !/\p{Cs}/u.test(s);
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
const text = fc
  .oneof(
    fc.string(),
    fc.string({ unit: "binary" }),
    fc.string({ unit: "grapheme" }),
    fc.string({ unit: tricky }),
    fc.tuple(fc.constantFrom("=", "+", "-", "@", "\t", "\r"), fc.string({ unit: tricky })).map(([a, b]) => a + b),
    fc.string({ unit: fc.constantFrom(..."ابتثجحخدذرسشصضطظعغفقكلمنهوي ،") }),
  )
  .filter(storable);

/** csvCellSql over each value, in order, in one query. */
async function sqlCells(values: readonly (string | null)[]): Promise<string[]> {
  const { rows } = await sql<{ cell: string }>`
    SELECT ${csvCellSql(sql.ref("v.t"))} AS cell FROM unnest(${values}::text[]) WITH ORDINALITY AS v(t, i) ORDER BY v.i
  `.execute(t.db);
  return rows.map((r) => r.cell);
}

describe("csvCellSql", () => {
  it("equals csvCell for any text (Arabic, quotes, commas, CR/LF, leading = + - @ TAB CR) and NULL", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.option(text, { freq: 8, nil: null }), { minLength: 1, maxLength: 25 }),
        async (values) => {
          expect(await sqlCells(values)).toEqual(values.map(csvCell));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("the cases one by one", async () => {
    const cases = [
      null,
      "",
      "plain",
      "=1+2",
      "+1",
      "-5",
      "@x",
      "\tx",
      "\r=cmd",
      "\n=x",
      " =x",
      "'=x",
      'say "hi"',
      "x,y",
      "a\r\nb",
      '=HYPERLINK("http://evil","x")',
      "ليلى",
      "،,",
    ];
    expect(await sqlCells(cases)).toEqual(cases.map(csvCell));
  });
});

describe("contactsCsvRows", () => {
  it("is csvRow over [name, email, phone, assignee email, created at] of every contact, newest first, across batches", async () => {
    const ws = await createWorkspace();
    const assignee = await createUser({ email: "=agent@example.com" });
    await addMember(ws, assignee, "agent");
    const member = (await loadMember(t.db, ws.workspaceId, ws.ownerId))!;
    // 5,003 rows (more than one batch of 5,000) sharing a few timestamps, so the keyset
    // must break ties by id; a handful of cells that need neutralising or quoting.
    await sql`
      INSERT INTO contacts (workspace_id, name, email, phone, assignee_id, created_at)
      SELECT ${ws.workspaceId}::uuid,
             CASE n % 5 WHEN 0 THEN '=cmd, "' || n || '"' WHEN 1 THEN 'محمد ' || n WHEN 2 THEN E'line\\r\\nbreak ' || n ELSE 'Contact ' || n END,
             CASE WHEN n % 3 = 0 THEN NULL ELSE 'c' || n || '@example.com' END,
             CASE WHEN n % 4 = 0 THEN '+1 555 ' || n ELSE NULL END,
             CASE WHEN n % 2 = 0 THEN ${assignee.id}::uuid ELSE NULL END,
             timestamptz '2026-01-02 03:04:05.678901+00' - (n % 7) * interval '1 millisecond'
      FROM generate_series(1, 5003) n
    `.execute(t.db);
    const other = await createWorkspace();
    await t.db.insertInto("contacts").values({ workspace_id: other.workspaceId, name: "foreign" }).execute();

    const expected = await t.db
      .selectFrom("contacts as c")
      .leftJoin("users as a", "a.id", "c.assignee_id")
      .select(["c.name", "c.email", "c.phone", "a.email as assignee", "c.created_at"])
      .where("c.workspace_id", "=", ws.workspaceId)
      .orderBy("c.created_at", "desc")
      .orderBy("c.id", "desc")
      .execute();
    const chunks: string[] = [];
    for await (const chunk of contactsCsvRows(t.db, member)) chunks.push(chunk);
    expect(chunks).toHaveLength(2);
    const want = expected.map((r) => csvRow([r.name, r.email, r.phone, r.assignee, r.created_at])).join("");
    expect(chunks.join("")).toBe(want);
    expect(want).toContain(`"'=cmd, ""5"""`);
    expect(want).toContain(",'=agent@example.com,");
  });
});
