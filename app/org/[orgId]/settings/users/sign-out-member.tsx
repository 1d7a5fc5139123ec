"use client";
import { ConfirmAction } from "@/app/components/confirm-action";
import { withIsolated } from "@/app/components/isolate";
import { useI18n } from "@/lib/i18n/client";
import { signOutMemberEverywhereAction } from "./actions";

/** Org users page: "Sign out everywhere" for one person of the organization (never oneself). */
export function SignOutMember({ orgId, userId, name }: { orgId: string; userId: string; name: string }) {
  const { t } = useI18n();
  return (
    <ConfirmAction
      label={t("org.users.signOut")}
      accessibleLabel={t("org.users.signOutLabel", { name })}
      title={t("org.users.signOutTitle", { name })}
      body={withIsolated((v) => t("org.users.signOutBody", { name: v }), name)}
      confirmLabel={t("org.users.signOut")}
      run={() => signOutMemberEverywhereAction(orgId, { userId })}
      done={(data) => t("org.users.signedOut", { name, count: data.ended })}
      testId="sign-out-member"
    />
  );
}
