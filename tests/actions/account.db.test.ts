import { describe, expect, it } from "vitest";
import { deleteAvatar, saveProfile, uploadAvatar } from "@/app/account/actions";
import { catalogs } from "@/lib/i18n/catalog";
import { createTranslator } from "@/lib/i18n/translate";
import { setupTestDb } from "@/tests/helpers/db";
import { asUser, createUser, requestCookies } from "@/tests/helpers/request";

// The /account server actions, called directly as the browser would (docs/PRODUCT.md, Routes: own name,
// avatar and language).
const t = setupTestDb();
const en = createTranslator("en", catalogs.en);

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const GIF = new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0, 1, 0, 0, 0, 0]);
const form = (bytes: Uint8Array | null, type = "image/png") => {
  const f = new FormData();
  if (bytes) f.set("avatar", new Blob([bytes as BlobPart], { type }), "me.png");
  return f;
};
const user = (id: string) =>
  t.db.selectFrom("users").select(["name", "locale", "image"]).where("id", "=", id).executeTakeFirstOrThrow();
const avatars = () => t.db.selectFrom("user_avatars").select(["user_id", "mime"]).execute();

describe("account: saveProfile", () => {
  it("refuses an anonymous caller", async () => {
    const someone = await createUser({ name: "Ann" });
    await asUser(null);
    expect(await saveProfile({ name: "Mallory", locale: "ar" })).toEqual({
      ok: false,
      code: "unauthenticated",
      message: en("errors.unauthenticated"),
    });
    expect(await user(someone.id)).toMatchObject({ name: "Ann", locale: null });
    expect(requestCookies().has("locale")).toBe(false);
  });

  it("saves the signed-in user's own name and language, and remembers the language in a cookie", async () => {
    const me = await createUser({ name: "Ann" });
    const other = await createUser({ name: "Bob" });
    await asUser(me.id);
    expect(await saveProfile({ name: "  ليلى حداد  ", locale: "ar" })).toEqual({ ok: true, data: { locale: "ar" } });
    expect(await user(me.id)).toMatchObject({ name: "ليلى حداد", locale: "ar" });
    expect(await user(other.id)).toMatchObject({ name: "Bob", locale: null });
    expect(requestCookies().get("locale")).toMatchObject({ value: "ar", options: { path: "/", sameSite: "lax" } });
  });

  it("returns field errors for bad input and changes nothing", async () => {
    const me = await createUser({ name: "Ann" });
    await asUser(me.id);
    const result = await saveProfile({ name: "   ", locale: "fr" });
    expect(result).toMatchObject({ ok: false, code: "invalidInput" });
    expect((result as { fieldErrors?: Record<string, string> }).fieldErrors).toEqual({
      name: en("errors.name.required"),
      locale: en("errors.invalidInput"),
    });
    expect(await saveProfile({ name: "x".repeat(121), locale: "en" })).toMatchObject({
      fieldErrors: { name: en("errors.name.tooLong") },
    });
    expect(await saveProfile(null)).toMatchObject({ ok: false, code: "invalidInput" });
    expect(await user(me.id)).toMatchObject({ name: "Ann", locale: null });
    expect(requestCookies().has("locale")).toBe(false);
  });

  it("refuses a session whose user no longer exists", async () => {
    await asUser("00000000-0000-4000-8000-000000000000");
    expect(await saveProfile({ name: "Ghost", locale: "en" })).toMatchObject({ ok: false, code: "unauthenticated" });
  });
});

describe("account: avatar", () => {
  it("refuses anonymous uploads and deletions", async () => {
    await asUser(null);
    expect(await uploadAvatar(form(PNG))).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await deleteAvatar(null)).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await avatars()).toEqual([]);
  });

  it("stores an image and points the user's picture at it", async () => {
    const me = await createUser();
    await asUser(me.id);
    const result = await uploadAvatar(form(PNG));
    expect(result.ok).toBe(true);
    const image = (result as { ok: true; data: { image: string } }).data.image;
    expect(image).toMatch(new RegExp(`^/api/avatar/${me.id}\\?v=\\d+$`));
    expect(await avatars()).toEqual([{ user_id: me.id, mime: "image/png" }]);
    expect((await user(me.id)).image).toBe(image);
  });

  it("takes the type from the bytes, not from what the browser declared", async () => {
    const me = await createUser();
    await asUser(me.id);
    expect((await uploadAvatar(form(GIF, "image/png"))).ok).toBe(true);
    expect(await avatars()).toEqual([{ user_id: me.id, mime: "image/gif" }]);
  });

  it.each([
    [
      "a file that is not an image",
      form(new TextEncoder().encode("<svg onload=alert(1)>"), "image/png"),
      "errors.avatar.badType",
    ],
    ["no file", form(null), "errors.avatar.badType"],
    ["an empty file", form(new Uint8Array(0)), "errors.avatar.badType"],
    ["a file over 1 MB", form(new Uint8Array(1024 * 1024 + 1).fill(0x89)), "errors.avatar.tooLarge"],
  ] as const)("refuses %s and writes nothing", async (_label, input, key) => {
    const me = await createUser();
    await asUser(me.id);
    const result = await uploadAvatar(input);
    expect(result).toMatchObject({ ok: false, code: "invalidInput", fieldErrors: { avatar: en(key) } });
    expect(await avatars()).toEqual([]);
    expect((await user(me.id)).image).toBeNull();
  });

  it("refuses input that is not a form", async () => {
    await asUser((await createUser()).id);
    expect(await uploadAvatar({ avatar: "data:image/png;base64,AAAA" })).toMatchObject({
      ok: false,
      code: "invalidInput",
    });
    expect(await avatars()).toEqual([]);
  });

  it("removes only the caller's own avatar", async () => {
    const me = await createUser();
    const other = await createUser();
    await asUser(other.id);
    expect((await uploadAvatar(form(PNG))).ok).toBe(true);
    await asUser(me.id);
    expect((await uploadAvatar(form(GIF))).ok).toBe(true);

    expect(await deleteAvatar(null)).toEqual({ ok: true, data: null });
    expect(await avatars()).toEqual([{ user_id: other.id, mime: "image/png" }]);
    expect((await user(me.id)).image).toBeNull();
    expect((await user(other.id)).image).not.toBeNull();
  });
});
