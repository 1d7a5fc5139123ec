import "server-only";
import { sql } from "kysely";
import type { DbOrTrx } from "@/db";
import { isForeignKeyViolation, isUniqueViolation } from "@/db/pg-errors";
import { DomainError } from "@/lib/errors";
import { audit } from "./audit";
import { personMatches, personSortKey } from "./people-sql";
import { inTransaction } from "@/db/transaction";
import type { Actor } from "@/lib/access/member";

export interface TeamMemberItem {
  userId: string;
  name: string | null;
  email: string;
  image: string | null;
}
export interface TeamItem {
  id: string;
  name: string;
  memberCount: number;
  /** The first members by name (a team of thousands is not sent whole to the browser). */
  members: TeamMemberItem[];
}

export const TEAM_MEMBERS_SHOWN = 100;

/** The workspace's teams (the first 500 by name) with their member counts. */
export async function listTeamNames(db: DbOrTrx, workspaceId: string) {
  const teams = await db
    .selectFrom("teams as t")
    .select([
      "t.id",
      "t.name",
      sql<string>`(SELECT count(*) FROM team_members tm WHERE tm.workspace_id = t.workspace_id AND tm.team_id = t.id)`.as(
        "n",
      ),
    ])
    .where("t.workspace_id", "=", workspaceId)
    .orderBy(sql`lower(t.name)`)
    .orderBy("t.id")
    .limit(500)
    .execute();
  return teams.map((t) => ({ id: t.id, name: t.name, memberCount: Number(t.n) }));
}

/** The workspace's teams with their member count and first members, two statements in all. */
export async function listTeams(db: DbOrTrx, workspaceId: string): Promise<TeamItem[]> {
  const teams = await listTeamNames(db, workspaceId);
  if (teams.length === 0) return [];
  const { rows } = await sql<{
    team_id: string;
    user_id: string;
    name: string | null;
    email: string;
    image: string | null;
  }>`
    SELECT x.team_id, x.user_id, x.name, x.email, x.image FROM (
      SELECT tm.team_id, u.id AS user_id, u.name, u.email, u.image,
        row_number() OVER (PARTITION BY tm.team_id ORDER BY ${personSortKey()}, u.id) AS rn
      FROM team_members tm JOIN users u ON u.id = tm.user_id
      WHERE tm.workspace_id = ${workspaceId}::uuid AND tm.team_id IN (${sql.join(teams.map((t) => sql`${t.id}::uuid`))})
    ) x WHERE x.rn <= ${TEAM_MEMBERS_SHOWN}
    ORDER BY x.rn
  `.execute(db);
  return teams.map((t) => ({
    id: t.id,
    name: t.name,
    memberCount: t.memberCount,
    members: rows
      .filter((r) => r.team_id === t.id)
      .map((r) => ({ userId: r.user_id, name: r.name, email: r.email, image: r.image })),
  }));
}

export async function createTeam(db: DbOrTrx, actor: Actor, name: string): Promise<{ id: string }> {
  try {
    return await inTransaction(db, async (trx) => {
      const row = await trx
        .insertInto("teams")
        .values({ workspace_id: actor.member.workspaceId, name })
        .returning("id")
        .executeTakeFirstOrThrow();
      await audit(trx, {
        workspaceId: actor.member.workspaceId,
        actorId: actor.member.userId,
        action: "team.created",
        target: row.id,
        after: { name },
        ip: actor.ip,
      });
      return { id: row.id };
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw new DomainError("conflict", { fieldErrors: { name: "errors.settings.team.nameTaken" } });
    throw e;
  }
}

export async function renameTeam(db: DbOrTrx, actor: Actor, teamId: string, name: string): Promise<void> {
  try {
    await inTransaction(db, async (trx) => {
      const before = await trx
        .selectFrom("teams")
        .select("name")
        .where("workspace_id", "=", actor.member.workspaceId)
        .where("id", "=", teamId)
        .forUpdate()
        .executeTakeFirst();
      if (!before) throw new DomainError("notFound");
      if (before.name === name) return;
      await trx
        .updateTable("teams")
        .set({ name })
        .where("workspace_id", "=", actor.member.workspaceId)
        .where("id", "=", teamId)
        .execute();
      await audit(trx, {
        workspaceId: actor.member.workspaceId,
        actorId: actor.member.userId,
        action: "team.renamed",
        target: teamId,
        before: { name: before.name },
        after: { name },
        ip: actor.ip,
      });
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw new DomainError("conflict", { fieldErrors: { name: "errors.settings.team.nameTaken" } });
    throw e;
  }
}

/** Deleting a team removes its memberships (FK cascade); contacts are untouched. */
export async function deleteTeam(db: DbOrTrx, actor: Actor, teamId: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const row = await trx
      .deleteFrom("teams")
      .where("workspace_id", "=", actor.member.workspaceId)
      .where("id", "=", teamId)
      .returning("name")
      .executeTakeFirst();
    if (!row) throw new DomainError("notFound");
    await audit(trx, {
      workspaceId: actor.member.workspaceId,
      actorId: actor.member.userId,
      action: "team.deleted",
      target: teamId,
      before: { name: row.name },
      ip: actor.ip,
    });
  });
}

/**
 * The composite foreign keys of team_members (workspace_id, team_id) and (workspace_id,
 * user_id) refuse a team or a person from another workspace: the database is the check.
 */
export async function addTeamMember(db: DbOrTrx, actor: Actor, teamId: string, userId: string): Promise<void> {
  try {
    await inTransaction(db, async (trx) => {
      const inserted = await trx
        .insertInto("team_members")
        .values({ team_id: teamId, workspace_id: actor.member.workspaceId, user_id: userId })
        .onConflict((oc) => oc.columns(["team_id", "user_id"]).doNothing())
        .returning("user_id")
        .executeTakeFirst();
      if (inserted)
        await audit(trx, {
          workspaceId: actor.member.workspaceId,
          actorId: actor.member.userId,
          action: "team.member_added",
          target: teamId,
          after: { userId },
          ip: actor.ip,
        });
    });
  } catch (e) {
    if (isForeignKeyViolation(e))
      throw new DomainError("notFound", { fieldErrors: { userId: "errors.settings.team.notMember" } });
    throw e;
  }
}

export async function removeTeamMember(db: DbOrTrx, actor: Actor, teamId: string, userId: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const row = await trx
      .deleteFrom("team_members")
      .where("workspace_id", "=", actor.member.workspaceId)
      .where("team_id", "=", teamId)
      .where("user_id", "=", userId)
      .returning("user_id")
      .executeTakeFirst();
    if (!row) throw new DomainError("notFound");
    await audit(trx, {
      workspaceId: actor.member.workspaceId,
      actorId: actor.member.userId,
      action: "team.member_removed",
      target: teamId,
      before: { userId },
      ip: actor.ip,
    });
  });
}

/** Picker: workspace members not yet in the team, matching the query, at most 20. */
export async function teamMemberCandidates(
  db: DbOrTrx,
  workspaceId: string,
  teamId: string,
  q: string,
): Promise<TeamMemberItem[]> {
  // A team id from another workspace is not found here, like every other foreign id.
  const team = await db
    .selectFrom("teams")
    .select("id")
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", teamId)
    .executeTakeFirst();
  if (!team) throw new DomainError("notFound");
  let query = db
    .selectFrom("workspace_members as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["u.id", "u.name", "u.email", "u.image"])
    .where("m.workspace_id", "=", workspaceId)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("team_members as tm")
            .select("tm.user_id")
            .where("tm.workspace_id", "=", workspaceId)
            .where("tm.team_id", "=", teamId)
            .whereRef("tm.user_id", "=", "m.user_id"),
        ),
      ),
    );
  if (q) query = query.where(personMatches(q));
  const rows = await query.orderBy(personSortKey()).orderBy("u.id").limit(20).execute();
  return rows.map((r) => ({ userId: r.id, name: r.name, email: r.email, image: r.image }));
}
