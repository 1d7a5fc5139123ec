"use client";
import { useState } from "react";
import Link from "next/link";
import { Avatar } from "@/app/components/avatar";
import { LanguageSwitcher } from "@/app/components/language-switcher";
import { useI18n } from "@/lib/i18n/client";
import { Dropdown } from "@/app/components/dropdown";
import { NavIcon } from "./nav-icon";
import { AvailabilityChoice, type OwnAvailability } from "./availability-choice";

export interface MenuUser {
  id: string;
  name: string | null;
  email: string;
  image: string | null;
}

/** Avatar button → who is signed in, their status (Available / Away), Account, language, Sign out. */
export function UserMenu({
  user,
  accountHref,
  workspaceId,
  availability,
}: {
  user: MenuUser;
  accountHref: string;
  workspaceId: string;
  availability: OwnAvailability;
}) {
  const { t } = useI18n();
  // The choice shows at once; the server's answer (router.refresh) brings the rest.
  const [chosen, setChosen] = useState<{ from: OwnAvailability; value: OwnAvailability["availability"] } | null>(null);
  const fresh = chosen && chosen.from === availability ? chosen.value : null;
  const current: OwnAvailability = fresh
    ? { ...availability, availability: fresh, away: fresh === "away" }
    : availability;
  const away = current.away;
  const dot = away ? "away" : "online";
  const dotLabel = away ? t("shell.status.away") : t("shell.status.online");
  const item =
    "flex items-center gap-3 rounded-lg px-2 py-2 text-sm text-gray-700 hover:bg-gray-100 hover:text-gray-900";
  return (
    <Dropdown
      label={t("shell.userMenu.open")}
      align="end"
      triggerClassName="flex items-center rounded-full"
      panelClassName="w-72 p-2"
      trigger={
        <Avatar
          userId={user.id}
          name={user.name}
          email={user.email}
          image={user.image}
          size="sm"
          status={dot}
          statusLabel={dotLabel}
        />
      }
    >
      <div className="flex items-center gap-3 px-2 pt-1 pb-3">
        <Avatar
          userId={user.id}
          name={user.name}
          email={user.email}
          image={user.image}
          size="md"
          status={dot}
          statusLabel={dotLabel}
        />
        <div className="min-w-0">
          {user.name ? (
            <p className="truncate text-sm font-semibold text-gray-900" dir="auto">
              {user.name}
            </p>
          ) : null}
          <p className="truncate text-xs text-gray-500" dir="ltr">
            {user.email}
          </p>
        </div>
      </div>
      <div className="border-t border-gray-100 pt-2">
        <AvailabilityChoice
          workspaceId={workspaceId}
          value={current}
          onChange={(value) => setChosen({ from: availability, value })}
        />
      </div>
      <div className="border-t border-gray-100 pt-2">
        <Link href={accountHref} className={item}>
          <NavIcon name="account" className="size-4 text-gray-400" />
          {t("shell.userMenu.account")}
        </Link>
        <div className="px-2 py-2">
          <LanguageSwitcher />
        </div>
        <Link href="/signout" className={item}>
          <NavIcon name="signout" className="size-4 text-gray-400 rtl:-scale-x-100" />
          {t("shell.userMenu.signout")}
        </Link>
      </div>
    </Dropdown>
  );
}
