"use client";
import Link from "next/link";
import { useI18n } from "@/lib/i18n/client";
import { cx } from "@/app/components/styles";
import { Dropdown } from "@/app/components/dropdown";
import { NavIcon } from "./nav-icon";

export interface SwitcherWorkspace {
  id: string;
  name: string;
  orgName: string;
}

/** The current workspace, and every other one the user belongs to (name + organization). */
export function WorkspaceSwitcher({
  current,
  workspaces,
}: {
  current: SwitcherWorkspace;
  workspaces: SwitcherWorkspace[];
}) {
  const { t } = useI18n();
  return (
    <Dropdown
      // The name starts with what the button shows, so voice control finds it by that.
      label={t("shell.switcher.openCurrent", {
        workspace: [current.name, current.orgName].filter(Boolean).join(", "),
      })}
      triggerClassName="flex max-w-64 items-center gap-2 rounded-lg px-2 py-1.5 text-start hover:bg-gray-100"
      panelClassName="w-72 p-2"
      trigger={
        <>
          {/* Drawn by CSS like an avatar's initials, and a space between the two lines below: the
              button's name then holds its visible text. */}
          <span
            aria-hidden="true"
            data-initial={Array.from(current.name)[0]?.toLocaleUpperCase()}
            className={cx(
              "grid size-8 shrink-0 place-items-center rounded-lg",
              "bg-gray-900 text-sm font-semibold text-white before:content-[attr(data-initial)]",
            )}
          />
          <span className="min-w-0">
            <span className="block truncate text-sm font-semibold text-gray-900" dir="auto">
              {current.name}
            </span>{" "}
            <span className="block truncate text-xs text-gray-500" dir="auto">
              {current.orgName}
            </span>
          </span>
          <NavIcon name="chevrons" className="size-4 shrink-0 text-gray-400" />
        </>
      }
    >
      <p className="px-2 pt-1 pb-2 text-xs font-semibold tracking-wide text-gray-500 uppercase">
        {t("shell.switcher.heading")}
      </p>
      <ul className="max-h-80 space-y-0.5 overflow-y-auto">
        {workspaces.map((w) => {
          const here = w.id === current.id;
          return (
            <li key={w.id}>
              <Link
                href={`/w/${w.id}`}
                aria-current={here ? "page" : undefined}
                className={`flex items-center gap-3 rounded-lg px-2 py-2 hover:bg-gray-100 ${here ? "bg-gray-50" : ""}`}
              >
                <span className="min-w-0 flex-1">
                  <span className="block truncate text-sm font-medium text-gray-900" dir="auto">
                    {w.name}
                  </span>
                  <span className="block truncate text-xs text-gray-500">
                    {t("shell.switcher.inOrg", { org: w.orgName })}
                  </span>
                </span>
                {here ? (
                  <span className="text-brand-600" title={t("shell.switcher.current")}>
                    <NavIcon name="check" className="size-4" />
                    <span className="sr-only">{t("shell.switcher.current")}</span>
                  </span>
                ) : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </Dropdown>
  );
}
