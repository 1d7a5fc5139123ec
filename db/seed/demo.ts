import { createHash, randomBytes } from "node:crypto";
import { sql, type Insertable } from "kysely";
import type { Db, DbOrTrx } from "../connect";
import type { ContactsTable, Database, MessagesTable } from "../schema";
import { DEMO_ACCOUNTS } from "./demo-accounts";
import { ARABIC_FIRST, ARABIC_LAST, EMAIL_DOMAINS, ENGLISH_FIRST, ENGLISH_LAST, MESSAGES, SNIPPETS } from "./demo-data";
import type { Role } from "../../lib/access/matrix";
import type { Locale } from "../../lib/i18n/locales";

// The demo organization of docs/PRODUCT.md, Data and configuration, seeded into an empty development database so a
// newcomer sees a living workspace at once. Deterministic (one seeded PRNG: the same
// names, assignments and conversations every time; times are relative to "now"), fast
// (multi-row inserts in chunks) and idempotent (nothing happens once any organization exists).

export interface DemoSeedSummary {
  users: number;
  contacts: number;
  conversations: number;
  messages: number;
}

interface Person {
  email: string;
  name: string;
  locale: Locale | null;
  support: { role: Role; restrictions: string[]; lastActiveMinutesAgo: number | null; joinedDaysAgo: number };
  sales?: { role: Role; restrictions: string[]; lastActiveMinutesAgo: number | null; joinedDaysAgo: number };
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** mulberry32: tiny, fast, good enough for demo data, and the same sequence everywhere. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  const uuid = () => {
    const b = Array.from({ length: 16 }, () => int(0, 255));
    b[6] = (b[6] & 0x0f) | 0x40; // version 4
    b[8] = (b[8] & 0x3f) | 0x80; // RFC 4122 variant
    const h = b.map((x) => x.toString(16).padStart(2, "0")).join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
  return { next, int, pick, uuid };
}
type Rand = ReturnType<typeof prng>;

// When each demo account was last active (minutes ago; null = "Never") and joined.
const ACTIVITY: Record<string, { last: number | null; joined: number }> = {
  "owner@example.com": { last: 2, joined: 400 },
  "manager@example.com": { last: 3 * 60, joined: 300 },
  "limited.manager@example.com": { last: 26 * 60, joined: 210 },
  "agent.all@example.com": { last: 10, joined: 180 },
  "agent.team@example.com": { last: 3 * 24 * 60, joined: 150 },
  "agent.self@example.com": { last: 45, joined: 120 },
  "agent.nosnippets@example.com": { last: 8 * 24 * 60, joined: 90 },
};

function people(): Person[] {
  const demo: Person[] = DEMO_ACCOUNTS.map((a) => ({
    email: a.email,
    name: a.name,
    locale: null, // the demo sign-ins follow the browser's language
    support: {
      role: a.role,
      restrictions: [...a.restrictions],
      lastActiveMinutesAgo: ACTIVITY[a.email]?.last ?? null,
      joinedDaysAgo: ACTIVITY[a.email]?.joined ?? 60,
    },
  }));
  const byEmail = new Map(demo.map((p) => [p.email, p]));
  // The Owner owns Sales too; a Manager and an Agent also work there.
  byEmail.get("owner@example.com")!.sales = {
    role: "owner",
    restrictions: [],
    lastActiveMinutesAgo: 24 * 60,
    joinedDaysAgo: 380,
  };
  byEmail.get("manager@example.com")!.sales = {
    role: "manager",
    restrictions: [],
    lastActiveMinutesAgo: 5 * 24 * 60,
    joinedDaysAgo: 200,
  };
  byEmail.get("agent.all@example.com")!.sales = {
    role: "agent",
    restrictions: ["contacts"],
    lastActiveMinutesAgo: 3 * 24 * 60,
    joinedDaysAgo: 100,
  };
  // A few more colleagues (not offered as demo sign-ins) so teams and the Users page look real.
  const extra: Person[] = [
    {
      email: "omar.alfarsi@example.com",
      name: "Omar Al-Farsi",
      locale: "en",
      support: { role: "agent", restrictions: [], lastActiveMinutesAgo: 14 * 24 * 60, joinedDaysAgo: 75 },
    },
    {
      email: "huda.saleh@example.com",
      name: "هدى صالح",
      locale: "ar",
      support: { role: "agent", restrictions: ["see_self"], lastActiveMinutesAgo: 5 * 60, joinedDaysAgo: 60 },
    },
    {
      email: "james.carter@example.com",
      name: "James Carter",
      locale: "en",
      support: {
        role: "manager",
        restrictions: ["no_settings"],
        lastActiveMinutesAgo: 30 * 24 * 60,
        joinedDaysAgo: 250,
      },
    },
    {
      email: "emily.chen@example.com",
      name: "Emily Chen",
      locale: "en",
      // Holds the Supervisor role (below): its base level.
      support: { role: "manager", restrictions: [], lastActiveMinutesAgo: null, joinedDaysAgo: 2 },
    },
  ];
  return [...demo, ...extra];
}

/** The demo's one custom role (Support), and who holds it. */
export const SUPERVISOR = {
  name: "Supervisor",
  permissions: ["dashboard.view", "reports.view", "inbox.view", "snippets.use", "account.edit"],
  holder: "emily.chen@example.com",
} as const;

// Teams of Support: each see_team agent has team-mates whose contacts they can see.
const TEAMS: { name: string; members: string[] }[] = [
  {
    name: "Tier 1",
    members: ["agent.team@example.com", "agent.all@example.com", "agent.self@example.com", "omar.alfarsi@example.com"],
  },
  {
    name: "VIP",
    members: [
      "agent.nosnippets@example.com",
      "manager@example.com",
      "limited.manager@example.com",
      "huda.saleh@example.com",
    ],
  },
];

const PENDING_INVITATIONS = [
  { email: "new.agent@example.com", role: "agent" as const, restrictions: ["see_self"], daysAgo: 1 },
  { email: "reem.pending@example.org", role: "manager" as const, restrictions: ["no_export"], daysAgo: 4 },
];

async function insertChunked<T extends keyof Database & string>(
  db: DbOrTrx,
  table: T,
  rows: Insertable<Database[T]>[],
  size = 500,
) {
  for (let i = 0; i < rows.length; i += size) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + size) as never)
      .execute();
  }
}

interface ContactPlan {
  contacts: Insertable<ContactsTable>[];
  conversations: Insertable<Database["conversations"]>[];
  messages: Insertable<MessagesTable>[];
}

function planContacts(
  rand: Rand,
  now: number,
  workspaceId: string,
  count: number,
  assignees: string[],
  authors: string[],
): ContactPlan {
  const plan: ContactPlan = { contacts: [], conversations: [], messages: [] };
  for (let i = 0; i < count; i++) {
    const kind = rand.next();
    const arabicScript = kind < 0.4;
    let display: string, first: string, latinFirst: string, latinLast: string;
    if (kind < 0.6) {
      const [fa, fl] = rand.pick(ARABIC_FIRST);
      const [la, ll] = rand.pick(ARABIC_LAST);
      display = arabicScript ? `${fa} ${la}` : `${fl} ${ll}`;
      first = arabicScript ? fa : fl;
      [latinFirst, latinLast] = [fl, ll];
    } else {
      latinFirst = rand.pick(ENGLISH_FIRST);
      latinLast = rand.pick(ENGLISH_LAST);
      display = `${latinFirst} ${latinLast}`;
      first = latinFirst;
    }
    const slug = (s: string) => s.toLowerCase().replace(/[^a-z]/g, "");
    const email =
      rand.next() < 0.9 ? `${slug(latinFirst)}.${slug(latinLast)}${i + 1}@${rand.pick(EMAIL_DOMAINS)}` : null;
    const phone =
      rand.next() < 0.15
        ? null
        : kind < 0.6
          ? `${rand.pick(["+9665", "+9715", "+2010"])}${String(rand.int(0, 99_999_999)).padStart(8, "0")}`
          : rand.next() < 0.5
            ? `+447700900${String(rand.int(0, 999)).padStart(3, "0")}`
            : `+1555010${String(rand.int(0, 99)).padStart(2, "0")}`;
    const assignee = rand.next() < 0.6 ? rand.pick(assignees) : null;
    const id = rand.uuid();
    const createdAt = now - rand.int(20, 120) * DAY - rand.int(0, DAY / MIN) * MIN;
    let updatedAt = createdAt;

    if (rand.next() < 0.5) {
      const lang = arabicScript ? MESSAGES.ar : MESSAGES.en;
      const n = rand.int(2, 6);
      let at = now - rand.int(1, 20 * 24 * 60) * MIN - n * 3 * HOUR;
      let direction: "in" | "out" = "in";
      for (let m = 0; m < n; m++) {
        const body = rand
          .pick(lang[direction])
          .replace("{first}", first)
          .replace("{n}", String(rand.int(1000, 9999)));
        plan.messages.push({
          workspace_id: workspaceId,
          contact_id: id,
          direction,
          author_id: direction === "out" ? (assignee ?? rand.pick(authors)) : null,
          body,
          created_at: new Date(at),
        });
        updatedAt = at;
        at += rand.int(2, 180) * MIN;
        direction = rand.next() < 0.7 ? (direction === "in" ? "out" : "in") : direction;
      }
      plan.conversations.push({
        workspace_id: workspaceId,
        contact_id: id,
        status: rand.next() < 0.6 ? "open" : "closed",
        last_message_at: new Date(updatedAt),
      });
    }
    plan.contacts.push({
      id,
      workspace_id: workspaceId,
      name: display,
      email,
      phone,
      assignee_id: assignee,
      created_at: new Date(createdAt),
      updated_at: new Date(updatedAt),
    });
  }
  return plan;
}

async function seed(trx: DbOrTrx): Promise<DemoSeedSummary> {
  const rand = prng(20261123);
  const now = Date.now();
  const ago = (ms: number) => new Date(now - ms);
  const cast = people();

  const users = await trx
    .insertInto("users")
    .values(
      cast.map((p) => ({ email: p.email, name: p.name, locale: p.locale, email_verified: ago(rand.int(2, 60) * DAY) })),
    )
    // A user who signed in before the seed ran keeps their row (one account per email).
    .onConflict((oc) =>
      oc.column("email").doUpdateSet((eb) => ({
        name: sql<string>`coalesce(${eb.ref("users.name")}, ${eb.ref("excluded.name")})`,
        email_verified: sql<Date>`coalesce(${eb.ref("users.email_verified")}, ${eb.ref("excluded.email_verified")})`,
      })),
    )
    .returning(["id", "email"])
    .execute();
  const idOf = new Map(users.map((u) => [u.email, u.id]));
  const uid = (email: string) => idOf.get(email)!;
  const ownerId = uid("owner@example.com");

  const org = await trx
    .insertInto("organizations")
    .values({ name: "Acme", plan: "team", seat_limit: 25 })
    .returning("id")
    .executeTakeFirstOrThrow();
  await trx
    .insertInto("org_members")
    .values(
      cast.map((p) => ({
        org_id: org.id,
        user_id: uid(p.email),
        is_admin: p.email === "owner@example.com",
        created_at: ago(p.support.joinedDaysAgo * DAY),
      })),
    )
    .execute();
  const [support, sales] = await trx
    .insertInto("workspaces")
    .values([
      { org_id: org.id, name: "Support", created_at: ago(400 * DAY) },
      { org_id: org.id, name: "Sales", created_at: ago(380 * DAY) },
    ])
    .returning(["id", "name"])
    .execute()
    .then((rows) => [rows.find((r) => r.name === "Support")!.id, rows.find((r) => r.name === "Sales")!.id]);

  const memberships = cast.flatMap((p) =>
    (
      [
        [support, p.support],
        [sales, p.sales],
      ] as const
    )
      .filter(([, m]) => m)
      .map(([workspaceId, m]) => ({
        workspace_id: workspaceId,
        user_id: uid(p.email),
        role: m!.role,
        restrictions: m!.restrictions,
        invited_by: p.email === "owner@example.com" ? null : ownerId,
        joined_at: ago(m!.joinedDaysAgo * DAY),
        updated_at: ago(m!.joinedDaysAgo * DAY),
        last_active_at: m!.lastActiveMinutesAgo === null ? null : ago(m!.lastActiveMinutesAgo * MIN),
      })),
  );
  await trx.insertInto("workspace_members").values(memberships).execute();

  // A custom role (docs/PRODUCT.md, Roles), so a newcomer sees one on Settings → Roles and the Users list:
  // Manager-based, dashboard, reports and the inbox, no settings; held by Emily Chen in Support.
  const supervisor = await trx
    .insertInto("workspace_roles")
    .values({
      workspace_id: support,
      name: SUPERVISOR.name,
      base: "manager",
      permissions: [...SUPERVISOR.permissions],
      created_at: ago(90 * DAY),
      updated_at: ago(90 * DAY),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await trx
    .updateTable("workspace_members")
    .set({ role_id: supervisor.id })
    .where("workspace_id", "=", support)
    .where("user_id", "=", uid(SUPERVISOR.holder))
    .execute();

  const teams = await trx
    .insertInto("teams")
    .values(TEAMS.map((t) => ({ workspace_id: support, name: t.name })))
    .returning(["id", "name"])
    .execute();
  await trx
    .insertInto("team_members")
    .values(
      TEAMS.flatMap((t) =>
        t.members.map((email) => ({
          team_id: teams.find((x) => x.name === t.name)!.id,
          workspace_id: support,
          user_id: uid(email),
        })),
      ),
    )
    .execute();

  const staff = (ws: string) =>
    memberships.filter((m) => m.workspace_id === ws && m.role !== "owner").map((m) => m.user_id);
  const everyone = (ws: string) => memberships.filter((m) => m.workspace_id === ws).map((m) => m.user_id);
  const plans = [
    planContacts(rand, now, support, 300, staff(support), everyone(support)),
    planContacts(rand, now, sales, 40, staff(sales), everyone(sales)),
  ];
  const all: ContactPlan = {
    contacts: plans.flatMap((p) => p.contacts),
    conversations: plans.flatMap((p) => p.conversations),
    messages: plans.flatMap((p) => p.messages),
  };
  await insertChunked(trx, "contacts", all.contacts);
  await insertChunked(trx, "conversations", all.conversations);
  await insertChunked(trx, "messages", all.messages);

  await trx
    .insertInto("snippets")
    .values([
      ...SNIPPETS.support.map((s, i) => ({ workspace_id: support, ...s, created_at: ago((200 - i) * DAY) })),
      ...SNIPPETS.sales.map((s, i) => ({ workspace_id: sales, ...s, created_at: ago((150 - i) * DAY) })),
    ])
    .execute();

  // Pending invitations, so the Users page shows the Pending badge. Their tokens are thrown
  // away (only a hash of random bytes is stored): resend issues a usable link.
  await trx
    .insertInto("invitations")
    .values(
      PENDING_INVITATIONS.map((inv) => ({
        workspace_id: support,
        email: inv.email,
        role: inv.role,
        restrictions: inv.restrictions,
        token_hash: createHash("sha256").update(randomBytes(32)).digest("hex"),
        invited_by: ownerId,
        created_at: ago(inv.daysAgo * DAY),
        last_sent_at: ago(inv.daysAgo * DAY),
        expires_at: ago((inv.daysAgo - 7) * DAY),
      })),
    )
    .execute();

  return {
    users: cast.length,
    contacts: all.contacts.length,
    conversations: all.conversations.length,
    messages: all.messages.length,
  };
}

/**
 * Seed the demo organization when no organization exists yet; returns what was written,
 * or null when the database already had data. Runs in one transaction that first locks
 * `organizations`, so two processes starting at once seed it exactly once.
 */
export async function seedDemoIfEmpty(db: Db): Promise<DemoSeedSummary | null> {
  return db.transaction().execute(async (trx) => {
    await sql`LOCK TABLE organizations IN SHARE ROW EXCLUSIVE MODE`.execute(trx);
    const existing = await trx.selectFrom("organizations").select("id").limit(1).executeTakeFirst();
    if (existing) return null;
    return seed(trx);
  });
}
