// GET /api/avatar/[userId]: an uploaded avatar reaches its owner and the people who share an
// organization with them; a signed-in stranger (another organization) gets 404, as for no avatar;
// anonymous gets 401. Before this, any signed-in user could fetch any user's avatar.
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/avatar/[userId]/route";
import { setAvatar } from "@/lib/services/account";
// Aliased: the rules-of-hooks lint reads any use* call as a React hook.
import { setupTestDb as openTestDb } from "@/tests/helpers/db";
import { addMember, asUser, createUser, createWorkspace } from "@/tests/helpers/request";

const t = openTestDb();

// The smallest valid PNG signature + IHDR start is enough for the type sniffer.
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

async function fetchAvatar(viewer: string | null, ownerId: string) {
  await asUser(viewer);
  return GET(new Request(`http://localhost/api/avatar/${ownerId}`), { params: Promise.resolve({ userId: ownerId }) });
}

describe("avatar route: least privilege", () => {
  it("serves the avatar to its owner, a workspace-mate and an org-mate in another workspace; 404 to a stranger", async () => {
    const ws = await createWorkspace({ name: "A" });
    const agent = await createUser();
    await addMember(ws, agent, "agent");
    // Same organization, other workspace.
    const second = await t.db
      .insertInto("workspaces")
      .values({ org_id: ws.orgId, name: "A2" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const orgMate = await createUser();
    await addMember(second.id, orgMate, "agent");
    const stranger = (await createWorkspace({ name: "Other org" })).ownerId;

    await setAvatar(t.db, agent.id, new Blob([PNG], { type: "image/png" }));

    for (const [viewer, label] of [
      [agent.id, "owner of the avatar"],
      [ws.ownerId, "workspace-mate"],
      [orgMate.id, "org-mate"],
    ] as const) {
      const res = await fetchAvatar(viewer, agent.id);
      expect(res.status, label).toBe(200);
      expect(res.headers.get("content-type")).toBe("image/png");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(PNG);
    }
    const refused = await fetchAvatar(stranger, agent.id);
    expect(refused.status).toBe(404);
    expect(await refused.text()).toBe("Not found");
    expect((await fetchAvatar(null, agent.id)).status).toBe(401);
  });

  it("answers 404 for a malformed id and for a user without an avatar", async () => {
    const ws = await createWorkspace();
    expect((await fetchAvatar(ws.ownerId, "not-a-uuid")).status).toBe(404);
    expect((await fetchAvatar(ws.ownerId, "-".repeat(36))).status).toBe(404);
    expect((await fetchAvatar(ws.ownerId, ws.ownerId)).status).toBe(404);
  });
});
