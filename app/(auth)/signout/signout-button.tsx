"use client";
import { useState } from "react";
import Link from "next/link";
import { signOut } from "next-auth/react";
import { useI18n } from "@/lib/i18n/client";
import { buttonClass } from "@/app/components/styles";

export function SignOutButton() {
  const { t } = useI18n();
  const [pending, setPending] = useState(false);
  return (
    <div className="mt-6 flex items-center gap-3">
      <button
        type="button"
        disabled={pending}
        onClick={() => {
          setPending(true);
          void signOut({ callbackUrl: "/signin" });
        }}
        className={buttonClass()}
      >
        {pending ? t("auth.signout.signingOut") : t("auth.signout.submit")}
      </button>
      <Link href="/" className="rounded-md px-3 py-2 font-medium text-gray-600 hover:bg-gray-100 hover:text-gray-900">
        {t("auth.signout.cancel")}
      </Link>
    </div>
  );
}
