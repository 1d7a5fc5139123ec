import { describe, expect, it } from "vitest";
import { autoAwaySchema, presenceDot, setAvailabilitySchema } from "./availability";

describe("availability rules", () => {
  it("the dot: offline wins over away, away over available", () => {
    expect(presenceDot(true, false)).toBe("online");
    expect(presenceDot(true, true)).toBe("away");
    expect(presenceDot(false, true)).toBe("offline");
    expect(presenceDot(false, false)).toBe("offline");
  });

  it("auto-away takes whole minutes from 1 to 60, or null (off)", () => {
    for (const minutes of [1, 15, 60, null]) expect(autoAwaySchema.parse({ minutes })).toEqual({ minutes });
    for (const minutes of [0, 61, 1.5, -5, "10", undefined, Number.NaN, Infinity]) {
      const parsed = autoAwaySchema.safeParse({ minutes });
      expect(parsed.success, String(minutes)).toBe(false);
      if (!parsed.success) expect(parsed.error.issues[0].message).toBe("settings.autoAway.range");
    }
    expect(autoAwaySchema.safeParse({ minutes: 5, extra: true }).success).toBe(false);
  });

  it("a status is Available or Away, for oneself only (no other field)", () => {
    expect(setAvailabilitySchema.parse({ availability: "away" })).toEqual({ availability: "away" });
    expect(setAvailabilitySchema.safeParse({ availability: "busy" }).success).toBe(false);
    expect(setAvailabilitySchema.safeParse({ availability: "away", userId: "x" }).success).toBe(false);
  });
});
