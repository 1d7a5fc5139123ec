"use client";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { useAnchoredPanel } from "@/app/components/anchor-panel";
import { Icon } from "@/app/components/icons";
import { cx } from "@/app/components/styles";

export interface MenuItem {
  key: string;
  label: string;
  onSelect: () => void;
  danger?: boolean;
}

/**
 * A row's "⋯" menu (WAI-ARIA menu button): arrows move, Escape closes and returns focus,
 * a click outside closes. The panel is fixed-positioned at the button's inline end (so it
 * mirrors in Arabic, and a table's overflow cannot clip it), above the button near the bottom.
 */
export function RowMenu({ label, items }: { label: string; items: MenuItem[] }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menuId = useId();
  const menu = useAnchoredPanel<HTMLDivElement>(open, button, "end");

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>("[role=menuitem]")?.focus();
    const onPointer = (e: PointerEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    return () => document.removeEventListener("pointerdown", onPointer);
  }, [open, menu]);

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const entries = Array.from(menu.current?.querySelectorAll<HTMLElement>("[role=menuitem]") ?? []);
    const index = entries.indexOf(document.activeElement as HTMLElement);
    if (e.key === "Escape") {
      e.preventDefault();
      setOpen(false);
      button.current?.focus();
    } else if (e.key === "ArrowDown") {
      e.preventDefault();
      entries[(index + 1) % entries.length]?.focus();
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      entries[(index - 1 + entries.length) % entries.length]?.focus();
    } else if (e.key === "Home") {
      e.preventDefault();
      entries[0]?.focus();
    } else if (e.key === "End") {
      e.preventDefault();
      entries[entries.length - 1]?.focus();
    } else if (e.key === "Tab") {
      setOpen(false);
    }
  }

  return (
    <div ref={root} className="relative inline-block text-start">
      <button
        ref={button}
        type="button"
        aria-label={label}
        title={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((v) => !v)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
        className="rounded-md p-1.5 text-gray-500 hover:bg-gray-100 hover:text-gray-800"
      >
        <Icon name="dots" className="size-5" />
      </button>
      {open ? (
        <div
          ref={menu}
          id={menuId}
          role="menu"
          aria-label={label}
          onKeyDown={onKeyDown}
          className={cx(
            "fixed z-40 max-w-[calc(100vw-1rem)] min-w-44 rounded-lg",
            "border border-gray-200 bg-white py-1 shadow-lg",
          )}
        >
          {items.map((item) => (
            <button
              key={item.key}
              type="button"
              role="menuitem"
              tabIndex={-1}
              onClick={() => {
                // Focus the menu button first: a dialog opened by the item returns focus there.
                button.current?.focus();
                setOpen(false);
                item.onSelect();
              }}
              className={cx(
                "block w-full px-3 py-2 text-start text-sm hover:bg-gray-100",
                "focus:bg-gray-100 focus:outline-none",
                item.danger ? "text-red-700" : "text-gray-800",
              )}
            >
              {item.label}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
