"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { NavIcon } from "./nav-icon";

export interface NavItem {
  key: string;
  href: string;
  /** The path prefix that marks this item current (settings/general → settings/*). */
  match: string;
  label: string;
}

/** The module navigation; the current module is highlighted and marked aria-current. */
export function NavLinks({ items, label, layout }: { items: NavItem[]; label: string; layout: "sidebar" | "bar" }) {
  const pathname = usePathname();
  const isCurrent = (item: NavItem) => pathname === item.match || pathname.startsWith(item.match + "/");
  return (
    <nav aria-label={label}>
      <ul className={layout === "sidebar" ? "space-y-1" : "flex gap-1 overflow-x-auto"}>
        {items.map((item) => {
          const current = isCurrent(item);
          return (
            <li key={item.key} className="shrink-0">
              <Link
                href={item.href}
                aria-current={current ? "page" : undefined}
                data-module={item.key}
                className={`flex items-center gap-3 rounded-lg px-3 py-2 text-sm font-medium ${
                  current ? "bg-brand-50 text-brand-700" : "text-gray-700 hover:bg-gray-100 hover:text-gray-900"
                }`}
              >
                <NavIcon name={item.key} className={`size-5 ${current ? "text-brand-600" : "text-gray-400"}`} />
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
