"use client";
import Link from "next/link";
import { Avatar } from "@/app/components/avatar";
import { LanguageSwitcher } from "@/app/components/language-switcher";
import { useI18n } from "@/lib/i18n/client";
import { Dropdown } from "@/app/components/dropdown";
import { NavIcon } from "./nav-icon";

export interface MenuUser {
  id: string;
  name: string | null;
  email: string;
  image: string | null;
}

/** Avatar button → who is signed in, Account, language, Sign out. */
export function UserMenu({ user, accountHref }: { user: MenuUser; accountHref: string }) {
  const { t } = useI18n();
  const item =
    "flex items-center gap-3 rounded-lg px-2 py-2 text-sm text-gray-700 hover:bg-gray-100 hover:text-gray-900";
  return (
    <Dropdown
      label={t("shell.userMenu.open")}
      align="end"
      triggerClassName="flex items-center rounded-full"
      panelClassName="w-72 p-2"
      trigger={<Avatar userId={user.id} name={user.name} email={user.email} image={user.image} size="sm" />}
    >
      <div className="flex items-center gap-3 px-2 pt-1 pb-3">
        <Avatar
          userId={user.id}
          name={user.name}
          email={user.email}
          image={user.image}
          size="md"
          status="online"
          statusLabel={t("shell.status.online")}
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
