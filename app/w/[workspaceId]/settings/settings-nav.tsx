"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

/** Tabs of the settings area; the current one is marked for assistive technology too. */
export function SettingsNav({
  label,
  items,
}: {
  label: string;
  items: { key: string; href: string; label: string }[];
}) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="-mx-1 overflow-x-auto border-b border-gray-200">
      <ul className="flex min-w-max gap-1 px-1">
        {items.map((item) => {
          const current = pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <li key={item.key}>
              <Link
                href={item.href}
                aria-current={current ? "page" : undefined}
                data-testid={`settings-nav-${item.key}`}
                className={`-mb-px inline-block border-b-2 px-3 py-2.5 text-sm font-medium ${
                  current
                    ? "border-brand-600 text-brand-700"
                    : "border-transparent text-gray-600 hover:border-gray-300 hover:text-gray-900"
                }`}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
