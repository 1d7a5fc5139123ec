// B12: "who can see this contact" (lib/services/contact-audience.ts) at the bench workspace, in-process: the one
// query (count + first 50 by name) over 10,000 members. B13: the edge decision (B2) on tokens of custom-role
// members, with the permission set `p` the app's loadClaims writes (so gate() decides from bits, not "pass").
// The seed has no custom roles: both figures add three (and give them to 1,200 members) inside a transaction
// they roll back, so the bench data is left as seeded.
import { sql, type Kysely, type Transaction } from "kysely";
import { decode, encode } from "../../lib/auth/jwt";
import type { Database } from "../../db/schema";
import { gate } from "../../lib/access/edge-gate";
import { loadMember } from "../../lib/access/member";
import { PERMISSIONS, type Permission } from "../../lib/access/matrix";
import type { TokenClaims } from "../../lib/auth/claims";
import { loadClaims } from "../../lib/auth/load-claims";
import { contactAudience } from "../../lib/services/contact-audience";
import { verdict, type Ctx, type Figure } from "../lib/context";
import { median, p95 } from "../lib/stats";

const ROLLBACK = new Error("rollback");

/** The three custom roles of the HTTP tier, given to members of the bench workspace. */
async function withCustomRoles<T>(db: Kysely<Database>, ws: string, body: (trx: Transaction<Database>) => Promise<T>) {
  let out: T | undefined;
  await db
    .transaction()
    .execute(async (trx) => {
      const role = async (name: string, base: "manager" | "agent", permissions: Permission[], visibility = "all") =>
        (
          await trx
            .insertInto("workspace_roles")
            .values({ workspace_id: ws, name, base, permissions, visibility: visibility as "all" })
            .returning("id")
            .executeTakeFirstOrThrow()
        ).id;
      const supervisor = await role("Supervisor", "manager", ["reports.view", "inbox.view"]);
      const contactsAgent = await role(
        "Contacts agent",
        "agent",
        ["inbox.view", "contacts.view", "contacts.edit", "data.export"],
        "team",
      );
      const noUsers = await role(
        "Manager without users",
        "manager",
        PERMISSIONS.filter((p) => p !== "users.manage" && p !== "audit.view"),
      );
      // 1,000 Agents take the team-visibility contacts role, 100 Managers each manager-like role.
      const give = async (roleId: string, base: string, count: number, offset: number) =>
        sql`UPDATE workspace_members SET role_id = ${roleId}::uuid, restrictions = '{}', version = version + 1
            WHERE workspace_id = ${ws}::uuid AND user_id IN (
              SELECT user_id FROM workspace_members WHERE workspace_id = ${ws}::uuid AND role = ${base}
                AND role_id IS NULL ORDER BY user_id OFFSET ${offset} LIMIT ${count})`.execute(trx);
      await give(contactsAgent, "agent", 1000, 0);
      await give(supervisor, "manager", 100, 0);
      await give(noUsers, "manager", 100, 200);
      await sql`ANALYZE workspace_members`.execute(trx);
      out = await body(trx);
      throw ROLLBACK;
    })
    .catch((error) => {
      if (error !== ROLLBACK) throw error;
    });
  return out as T;
}

export async function whoCanSee(ctx: Ctx): Promise<Figure[]> {
  return withCustomRoles(ctx.bench.db, ctx.workspaceId, async (trx) => {
    const owner = (await loadMember(trx, ctx.workspaceId, ctx.ids.owner))!;
    // A contact of a team-visibility Agent (team-limited members see it through the team-mates set), an
    // unassigned one, and one of a self-limited Agent.
    const pick = async (where: ReturnType<typeof sql<boolean>>) =>
      (
        await sql<{ id: string }>`SELECT c.id FROM contacts c JOIN workspace_members m
          ON m.workspace_id = c.workspace_id AND m.user_id = c.assignee_id
          WHERE c.workspace_id = ${ctx.workspaceId}::uuid AND ${where} LIMIT 1`.execute(trx)
      ).rows[0]?.id;
    const contacts = [
      await pick(sql<boolean>`m.role = 'agent' AND 'see_team' = ANY(m.restrictions)`),
      (
        await sql<{
          id: string;
        }>`SELECT id FROM contacts WHERE workspace_id = ${ctx.workspaceId}::uuid AND assignee_id IS NULL LIMIT 1`.execute(
          trx,
        )
      ).rows[0]?.id,
      await pick(sql<boolean>`m.role = 'agent' AND 'see_self' = ANY(m.restrictions)`),
    ].filter((x): x is string => Boolean(x));
    const times: number[] = [];
    let sample = { total: 0, people: 0 };
    for (const id of contacts) for (let i = 0; i < 5; i++) await contactAudience(trx, owner, id);
    for (let run = 0; run < Math.max(ctx.runs, 5) * 10; run++) {
      for (const id of contacts) {
        const t = performance.now();
        const a = await contactAudience(trx, owner, id);
        times.push(performance.now() - t);
        sample = { total: a.total, people: a.people.length };
      }
    }
    // The plan of the audience query itself (the second statement of contactAudience).
    const { AUDIENCE_PAGE } = await import("../../lib/services/contact-audience");
    ctx.bench.take();
    await contactAudience(trx, owner, contacts[0]);
    const logged = ctx.bench.take().slice(-1);
    let explain = "";
    if (logged[0]) {
      const text = logged[0].sql.replace(/\$(\d+)/g, (_, n) => {
        const v = logged[0].parameters[Number(n) - 1];
        return typeof v === "number" ? String(v) : `'${String(v).replace(/'/g, "''")}'`;
      });
      explain = (await sql.raw<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`).execute(trx)).rows
        .map((r) => r["QUERY PLAN"])
        .join("\n");
    }
    return [
      {
        id: "B12",
        name: "Who can see this contact (count + first 50 by name)",
        target: "≤ 50 ms",
        unit: "ms",
        median: median(times),
        p95: p95(times),
        verdict: verdict(p95(times) <= 50),
        notes: [
          `${times.length} queries in-process over ${contacts.length} contacts (a team Agent's, an unassigned one, a self-limited Agent's); ` +
            `last: ${sample.total} members can see it, ${sample.people} names (page ${AUDIENCE_PAGE}); ` +
            `with 1,200 members on three custom roles (rolled back after)`,
        ],
        extra: { explain },
      },
    ];
  });
}

export async function edgeCustomRoles(ctx: Ctx): Promise<Figure[]> {
  return withCustomRoles(ctx.bench.db, ctx.workspaceId, async (trx) => {
    const out: Figure[] = [];
    const holders = await trx
      .selectFrom("workspace_members as m")
      .innerJoin("workspace_roles as r", "r.id", "m.role_id")
      .select(["m.user_id", "r.name"])
      .where("m.workspace_id", "=", ctx.workspaceId)
      .distinctOn("r.name")
      .orderBy("r.name")
      .orderBy("m.user_id")
      .execute();
    const paths: Record<string, string> = {
      Supervisor: "reports",
      "Contacts agent": "contacts/export",
      "Manager without users": "settings/users",
    };
    for (const h of holders) {
      const claims = (await loadClaims(trx, h.user_id))!;
      const token = await encode({
        secret: ctx.secret,
        maxAge: 3600,
        token: { ...claims, sub: h.user_id, cat: Math.floor(Date.now() / 1000), sid: "bench" },
      });
      const pathname = `/w/${ctx.workspaceId}/${paths[h.name] ?? "inbox"}`;
      const once = async () => gate(pathname, (await decode({ token, secret: ctx.secret })) as TokenClaims | null);
      const decision = await once();
      for (let i = 0; i < 2000; i++) await once();
      const times: number[] = [];
      for (let run = 0; run < Math.max(ctx.runs, 5); run++) {
        for (let i = 0; i < 2000; i++) {
          const t = performance.now();
          await once();
          times.push(performance.now() - t);
        }
      }
      // gate() alone, on the decoded claims: the permission-bit decision without the JWE decryption.
      const decoded = (await decode({ token, secret: ctx.secret })) as TokenClaims;
      const gateTimes: number[] = [];
      for (let i = 0; i < 20000; i++) {
        const t = performance.now();
        gate(pathname, decoded);
        gateTimes.push(performance.now() - t);
      }
      out.push({
        id: "B13",
        name: `Edge decision, custom role ${h.name} → ${paths[h.name] ?? "inbox"}`,
        target: "≤ 0.05 ms median",
        unit: "ms",
        median: median(times),
        p95: p95(times),
        verdict: verdict(median(times) <= 0.05),
        notes: [
          `${times.length} decisions (decode + gate) in-process, decision "${decision}"; ` +
            `gate() alone: median ${median(gateTimes).toFixed(4)} ms, p95 ${p95(gateTimes).toFixed(4)} ms`,
        ],
      });
    }
    return out;
  });
}
