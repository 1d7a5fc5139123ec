import { describe, expect, it } from "vitest";
import { BOM, csvRow } from "@/lib/csv/csv";
import { BULK_INVITE_MAX, bulkInviteSchema, parseInviteCsv, parsePastedAddresses } from "./bulk-invite";

describe("parsePastedAddresses", () => {
  it("splits on commas, semicolons, spaces, tabs and line breaks, keeping each address as typed", () => {
    expect(parsePastedAddresses(" a@x.io, B@x.io;c@x.io\n\n d@x.io\te@x.io\r\nnot-an-address ").rows).toEqual(
      ["a@x.io", "B@x.io", "c@x.io", "d@x.io", "e@x.io", "not-an-address"].map((email) => ({
        email,
        role: "",
        restrictions: [],
      })),
    );
    expect(parsePastedAddresses("  \n ,, ")).toEqual({ rows: [], truncated: false });
  });

  it(`keeps at most ${BULK_INVITE_MAX} and says so`, () => {
    const text = Array.from({ length: BULK_INVITE_MAX + 3 }, (_, i) => `u${i}@x.io`).join(" ");
    const parsed = parsePastedAddresses(text);
    expect(parsed.rows).toHaveLength(BULK_INVITE_MAX);
    expect(parsed.truncated).toBe(true);
    expect(parsePastedAddresses("a@x.io").truncated).toBe(false);
  });
});

describe("parseInviteCsv", () => {
  it("reads the users export's own format (header names, '; ' restrictions), ignoring the other columns", () => {
    const csv =
      BOM +
      csvRow(["name", "email", "access level", "status", "restrictions", "teams"]) +
      csvRow(["Ann", "ann@x.io", "manager", "active", "no_export; no_integrations", "Sales"]) +
      csvRow(["", "bob@x.io", "agent", "pending", "see_self", ""]);
    expect(parseInviteCsv(csv)).toEqual({
      rows: [
        { email: "ann@x.io", role: "manager", restrictions: ["no_export", "no_integrations"] },
        { email: "bob@x.io", role: "agent", restrictions: ["see_self"] },
      ],
      truncated: false,
    });
  });

  it("accepts 'level' or 'role' headers in any case and column order; without a header: email, level, restrictions", () => {
    expect(parseInviteCsv("Role,Email\r\nAgent,c@x.io\r\n,d@x.io\r\n").rows).toEqual([
      { email: "c@x.io", role: "agent", restrictions: [] },
      { email: "d@x.io", role: "", restrictions: [] },
    ]);
    expect(parseInviteCsv('e@x.io,agent,"see_team,no_snippets"\nf@x.io\n').rows).toEqual([
      { email: "e@x.io", role: "agent", restrictions: ["see_team", "no_snippets"] },
      { email: "f@x.io", role: "", restrictions: [] },
    ]);
  });

  it("skips rows without an address and caps the batch", () => {
    expect(parseInviteCsv("email,level\n,agent\ng@x.io,agent\n").rows).toEqual([
      { email: "g@x.io", role: "agent", restrictions: [] },
    ]);
    const many = "email\n" + Array.from({ length: BULK_INVITE_MAX + 1 }, (_, i) => `u${i}@x.io`).join("\n");
    const parsed = parseInviteCsv(many);
    expect(parsed.rows).toHaveLength(BULK_INVITE_MAX);
    expect(parsed.truncated).toBe(true);
    expect(parseInviteCsv("")).toEqual({ rows: [], truncated: false });
  });
});

describe("bulkInviteSchema", () => {
  it("needs 1 to 500 rows of bounded strings", () => {
    const row = { email: "a@x.io", role: "agent", restrictions: [] };
    expect(bulkInviteSchema.safeParse({ rows: [row] }).success).toBe(true);
    expect(bulkInviteSchema.safeParse({ rows: [] }).success).toBe(false);
    expect(bulkInviteSchema.safeParse({ rows: Array(BULK_INVITE_MAX + 1).fill(row) }).success).toBe(false);
    expect(bulkInviteSchema.safeParse({ rows: [{ ...row, email: "x".repeat(321) }] }).success).toBe(false);
    expect(bulkInviteSchema.safeParse({ rows: [{ ...row, restrictions: "see_self" }] }).success).toBe(false);
  });
});
