"use client";
import { useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Avatar } from "@/app/components/avatar";
import { useI18n } from "@/lib/i18n/client";
import { AVATAR_MAX_BYTES, AVATAR_TYPES } from "@/lib/validation/account";
import { deleteAvatar, uploadAvatar } from "./actions";
import { buttonClass, cx } from "@/app/components/styles";

// Success messages are kept as keys so they follow a language change; errors come translated.
type Message =
  { kind: "ok"; key: "account.avatar.uploaded" | "account.avatar.removed" } | { kind: "error"; text: string };

/** Upload (PNG/JPEG/WebP/GIF ≤ 1 MB, checked again on the server from the bytes) or remove. */
export function AvatarForm({
  user,
}: {
  user: { id: string; name: string | null; email: string; image: string | null };
}) {
  const { t } = useI18n();
  const router = useRouter();
  const fileInput = useRef<HTMLInputElement>(null);
  const [image, setImage] = useState(user.image);
  const [message, setMessage] = useState<Message | null>(null);
  const [busy, setBusy] = useState<"upload" | "remove" | null>(null);
  const [, startTransition] = useTransition();

  async function upload(file: File) {
    setMessage(null);
    // A quick answer for the obvious cases; the server decides from the bytes.
    if (file.size > AVATAR_MAX_BYTES) return setMessage({ kind: "error", text: t("errors.avatar.tooLarge") });
    setBusy("upload");
    const form = new FormData();
    form.set("avatar", file);
    const result = await uploadAvatar(form);
    setBusy(null);
    if (fileInput.current) fileInput.current.value = "";
    if (!result.ok) return setMessage({ kind: "error", text: result.fieldErrors?.avatar ?? result.message });
    setImage(result.data.image);
    setMessage({ kind: "ok", key: "account.avatar.uploaded" });
    startTransition(() => router.refresh());
  }

  async function remove() {
    setMessage(null);
    setBusy("remove");
    const result = await deleteAvatar(null);
    setBusy(null);
    if (!result.ok) return setMessage({ kind: "error", text: result.message });
    setImage(null);
    setMessage({ kind: "ok", key: "account.avatar.removed" });
    startTransition(() => router.refresh());
  }

  return (
    <div className="mt-4 flex flex-wrap items-center gap-5">
      <Avatar userId={user.id} name={user.name} email={user.email} image={image} size="xl" />
      <div className="min-w-0 flex-1 space-y-3">
        <p className="text-sm text-gray-600" id="avatar-hint">
          {t("account.avatar.hint")}
        </p>
        <div className="flex flex-wrap gap-2">
          <label
            className={cx(
              buttonClass("secondary"),
              "focus-within:outline-2 focus-within:outline-offset-2 focus-within:outline-brand-500",
              busy ? "pointer-events-none opacity-60" : "",
            )}
          >
            {busy === "upload"
              ? t("account.avatar.uploading")
              : image
                ? t("account.avatar.replace")
                : t("account.avatar.choose")}
            <input
              ref={fileInput}
              type="file"
              name="avatar"
              accept={AVATAR_TYPES.join(",")}
              aria-describedby="avatar-hint"
              disabled={busy !== null}
              className="sr-only"
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) void upload(file);
              }}
            />
          </label>
          {image ? (
            <button
              type="button"
              onClick={() => void remove()}
              disabled={busy !== null}
              className={`${buttonClass("ghost")} text-red-700 hover:bg-red-50`}
            >
              {busy === "remove" ? t("account.avatar.removing") : t("account.avatar.remove")}
            </button>
          ) : null}
        </div>
        {message ? (
          <p
            role={message.kind === "error" ? "alert" : "status"}
            className={`text-sm ${message.kind === "ok" ? "text-emerald-700" : "text-red-600"}`}
          >
            {message.kind === "ok" ? t(message.key) : message.text}
          </p>
        ) : null}
      </div>
    </div>
  );
}
