import { randomBytes } from "node:crypto";
import type { Db } from "@/db/connect";
import type { Role } from "@/lib/access/matrix";
import { addMember, addOrgMember, createUser, readClaims, sessionCookie } from "../../http/support/fixtures";

// Fixtures written straight into the shared database, and session cookies minted with the
// servers' secret (one secret on every server: a cookie from one is valid on the other).

export interface Person {
  userId: string;
  email: string;
  name: string;
}

export interface Workspace {
  orgId: string;
  workspaceId: string;
  owner: Person;
}

const tag = () => randomBytes(4).toString("hex");

async function person(db: Db, label: string): Promise<Person> {
  const email = `${label}-${tag()}@multi.test`;
  const name = `Multi ${label} ${tag()}`;
  return { userId: await createUser(db, email, name), email, name };
}

export async function freshWorkspace(db: Db): Promise<Workspace> {
  const orgId = (
    await db
      .insertInto("organizations")
      .values({ name: `Multi ${tag()}` })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
  const workspaceId = (
    await db
      .insertInto("workspaces")
      .values({ org_id: orgId, name: `Floor ${tag()}` })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
  const owner = await person(db, "owner");
  await addOrgMember(db, orgId, owner.userId, true);
  await addMember(db, workspaceId, owner.userId, "owner");
  return { orgId, workspaceId, owner };
}

export async function freshMember(db: Db, ws: Workspace, role: Role = "agent"): Promise<Person> {
  const p = await person(db, role);
  await addOrgMember(db, ws.orgId, p.userId);
  await addMember(db, ws.workspaceId, p.userId, role);
  return p;
}

/** A session cookie for this person as next-auth would issue it now. */
export async function cookieOf(db: Db, secret: string, p: Person): Promise<string> {
  return sessionCookie(db, secret, p, await readClaims(db, p.userId));
}
