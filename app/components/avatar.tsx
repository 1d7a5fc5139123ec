import Image from "next/image";
import { cx } from "@/app/components/styles";
import type { PresenceDot } from "@/lib/validation/availability";

// An uploaded picture, else initials on a colour derived from the user id (docs/PRODUCT.md, Users page).
// No hooks: usable from server and client components alike.

const SIZES = {
  xs: { box: "size-6 text-[10px]", px: 24, dot: "size-2 ring-1" },
  sm: { box: "size-8 text-xs", px: 32, dot: "size-2.5 ring-2" },
  md: { box: "size-10 text-sm", px: 40, dot: "size-3 ring-2" },
  lg: { box: "size-16 text-xl", px: 64, dot: "size-4 ring-2" },
  xl: { box: "size-24 text-3xl", px: 96, dot: "size-5 ring-[3px]" },
} as const;

export type AvatarSize = keyof typeof SIZES;

const DOT_COLOURS: Record<PresenceDot, string> = {
  online: "bg-emerald-500",
  away: "bg-amber-500",
  offline: "bg-gray-400",
};

/** A stable hue in [0, 360) from the id: the same person gets the same colour everywhere. */
export function avatarHue(id: string): number {
  let hash = 2166136261;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return (hash >>> 0) % 360;
}

/** Up to two letters: first and last word of the name, else the email's first letter. */
export function initials(name: string | null | undefined, email?: string | null): string {
  const words = (name ?? "").trim().split(/\s+/u).filter(Boolean);
  const first = (word: string | undefined) => (word ? (Array.from(word)[0] ?? "") : "");
  if (words.length > 1) return (first(words[0]) + first(words[words.length - 1])).toLocaleUpperCase();
  if (words.length === 1) return first(words[0]).toLocaleUpperCase();
  return first(email ?? "?").toLocaleUpperCase() || "?";
}

export interface AvatarProps {
  userId: string;
  name?: string | null;
  email?: string | null;
  image?: string | null;
  size?: AvatarSize;
  /**
   * Presence dot at the bottom-end corner (flips with the writing direction); omitted when undefined:
   * green available and online, amber online but away, grey offline (docs/PRODUCT.md, Availability).
   */
  status?: PresenceDot;
  /** Accessible text for the status dot (translated by the caller). */
  statusLabel?: string;
  className?: string;
}

export function Avatar({ userId, name, email, image, size = "md", status, statusLabel, className = "" }: AvatarProps) {
  const s = SIZES[size];
  const hue = avatarHue(userId);
  return (
    <span className={`relative inline-flex shrink-0 ${className}`}>
      {image ? (
        <Image
          src={image}
          alt=""
          width={s.px}
          height={s.px}
          // Served by our own authenticated route: the optimizer would fetch it without the cookie.
          unoptimized
          className={`${s.box} rounded-full bg-gray-200 object-cover`}
        />
      ) : (
        // The initials are drawn by CSS (::before), not as text: the picture is decorative, and
        // text inside a button labelled "Open the user menu" would not match its name.
        <span
          aria-hidden="true"
          data-initials={initials(name, email)}
          className={cx(
            s.box,
            "inline-flex items-center justify-center rounded-full",
            "font-semibold select-none before:content-[attr(data-initials)]",
          )}
          // One lightness for every hue (oklch), dark enough for white initials (contrast over
          // 4.5:1), in both colour schemes: outside the palette that dark mode turns.
          style={{ backgroundColor: `oklch(48% 0.13 ${hue})`, color: "#fff" }}
        />
      )}
      {status ? (
        <span
          role="img"
          aria-label={statusLabel}
          title={statusLabel}
          data-status={status}
          className={cx("absolute end-0 bottom-0 block rounded-full ring-white", s.dot, DOT_COLOURS[status])}
        />
      ) : null}
    </span>
  );
}
