import { z } from "zod";

// Availability (docs/PRODUCT.md, Availability): the status a member sets for themselves, and the
// workspace's auto-away delay. Messages are catalog keys under `errors.`.

export const AVAILABILITIES = ["available", "away"] as const;
export type Availability = (typeof AVAILABILITIES)[number];

/** What the dot shows: available and online, online but away (set or automatic), offline. */
export type PresenceDot = "online" | "away" | "offline";

export const AUTO_AWAY_MIN = 1;
export const AUTO_AWAY_MAX = 60;

export const setAvailabilitySchema = z.strictObject({
  availability: z.enum(AVAILABILITIES, { error: "invalidInput" }),
});
export type SetAvailabilityInput = z.input<typeof setAvailabilitySchema>;

/** Minutes without activity before a member shows as away; null switches auto-away off. */
export const autoAwaySchema = z.strictObject({
  minutes: z
    .number({ error: "settings.autoAway.range" })
    .int({ error: "settings.autoAway.range" })
    .min(AUTO_AWAY_MIN, { error: "settings.autoAway.range" })
    .max(AUTO_AWAY_MAX, { error: "settings.autoAway.range" })
    .nullable(),
});
export type AutoAwayInput = z.input<typeof autoAwaySchema>;

/** The dot for a member: offline wins, then away. */
export function presenceDot(online: boolean, away: boolean): PresenceDot {
  if (!online) return "offline";
  return away ? "away" : "online";
}
