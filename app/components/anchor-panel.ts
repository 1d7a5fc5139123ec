"use client";
import { useLayoutEffect, useRef, type RefObject } from "react";

const GAP = 4;
const MARGIN = 8;

/**
 * Places an open menu or popover with `position: fixed` next to its trigger, so no ancestor
 * with overflow (a table that scrolls sideways on a phone) can clip it. `align` is logical:
 * "end" lines the panel up with the trigger's inline end, the left edge in Arabic. The panel
 * stays inside the viewport: clamped sideways, and above the trigger when it does not fit
 * below. Follows the trigger while anything scrolls or the window resizes. Returns the ref
 * to put on the panel.
 */
export function useAnchoredPanel<T extends HTMLElement>(
  open: boolean,
  trigger: RefObject<HTMLElement | null>,
  align: "start" | "end",
): RefObject<T | null> {
  const panel = useRef<T>(null);
  useLayoutEffect(() => {
    if (!open) return;
    const place = () => {
      const anchor = trigger.current;
      const el = panel.current;
      if (!anchor || !el) return;
      const box = anchor.getBoundingClientRect();
      const rtl = getComputedStyle(anchor).direction === "rtl";
      const width = el.offsetWidth;
      const height = el.offsetHeight;
      const viewportWidth = document.documentElement.clientWidth;
      const atRight = (align === "end") !== rtl;
      const left = Math.max(MARGIN, Math.min(atRight ? box.right - width : box.left, viewportWidth - width - MARGIN));
      const below = box.bottom + GAP;
      const fitsBelow = below + height <= window.innerHeight - MARGIN;
      const top = fitsBelow || box.top - GAP - height < MARGIN ? below : box.top - GAP - height;
      el.style.left = `${left}px`;
      el.style.top = `${top}px`;
    };
    place();
    window.addEventListener("resize", place);
    window.addEventListener("scroll", place, true);
    return () => {
      window.removeEventListener("resize", place);
      window.removeEventListener("scroll", place, true);
    };
  }, [open, trigger, align]);
  return panel;
}
