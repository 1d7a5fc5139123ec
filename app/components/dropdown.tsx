"use client";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { usePathname } from "next/navigation";
import { useAnchoredPanel } from "@/app/components/anchor-panel";
import { cx } from "@/app/components/styles";

/**
 * A disclosure button with a floating panel: closes on Escape, on a click outside, on a
 * link click inside and on navigation. `align` is logical, so "end" is the left in Arabic; the
 * panel is fixed-positioned (see useAnchoredPanel), kept inside the viewport.
 */
export function Dropdown({
  label,
  trigger,
  align = "start",
  triggerClassName = "",
  panelClassName = "",
  children,
}: {
  label: string;
  trigger: ReactNode;
  align?: "start" | "end";
  triggerClassName?: string;
  panelClassName?: string;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useAnchoredPanel<HTMLDivElement>(open, button, align);
  const panelId = useId();
  const pathname = usePathname();
  const [lastPath, setLastPath] = useState(pathname);
  if (pathname !== lastPath) {
    // Navigated (e.g. to another workspace): close without an effect.
    setLastPath(pathname);
    setOpen(false);
  }

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        button.current?.focus();
      }
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  return (
    <div ref={root} className="relative">
      <button
        ref={button}
        type="button"
        aria-label={label}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((v) => !v)}
        className={triggerClassName}
      >
        {trigger}
      </button>
      <div
        id={panelId}
        hidden={!open}
        onClick={(e) => {
          if ((e.target as Element).closest("a")) setOpen(false);
        }}
        ref={panel}
        className={cx(
          "fixed z-40 max-w-[calc(100vw-1rem)] rounded-xl border border-gray-200 bg-white shadow-lg",
          panelClassName,
        )}
      >
        {children}
      </div>
    </div>
  );
}
