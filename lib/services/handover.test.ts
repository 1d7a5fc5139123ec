import { describe, expect, it } from "vitest";
import { allocate } from "./handover";

/** The rule spelled out: each contact in turn to whoever holds the fewest (ties by id). */
function oneByOne(loads: { userId: string; held: number }[], total: number) {
  const now = new Map(loads.map((l) => [l.userId, l.held]));
  const got = new Map(loads.map((l) => [l.userId, 0]));
  for (let i = 0; i < total; i++) {
    const [next] = [...now].sort(([a, x], [b, y]) => x - y || (a < b ? -1 : 1))[0];
    now.set(next, now.get(next)! + 1);
    got.set(next, got.get(next)! + 1);
  }
  return got;
}

describe("allocate: the least loaded receive the most", () => {
  it("fills the emptiest first, then shares evenly", () => {
    const plan = allocate(
      [
        { userId: "c", held: 10 },
        { userId: "a", held: 0 },
        { userId: "b", held: 3 },
      ],
      9,
    );
    expect(plan).toEqual([
      { userId: "a", held: 0, receives: 6 },
      { userId: "b", held: 3, receives: 3 },
      { userId: "c", held: 10, receives: 0 },
    ]);
  });

  it("no contacts, or nobody: nothing to give", () => {
    expect(allocate([{ userId: "a", held: 2 }], 0)).toEqual([{ userId: "a", held: 2, receives: 0 }]);
    expect(allocate([], 5)).toEqual([]);
  });

  it("matches the one-by-one rule on random loads, and gives out exactly the total", () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let round = 0; round < 300; round++) {
      const loads = Array.from({ length: 1 + rand(8) }, (_, i) => ({ userId: `u${i}`, held: rand(30) }));
      const total = rand(120);
      const plan = allocate(loads, total);
      expect(plan.reduce((n, s) => n + s.receives, 0)).toBe(total);
      const expected = oneByOne(loads, total);
      for (const s of plan) expect(s.receives, JSON.stringify({ loads, total })).toBe(expected.get(s.userId));
    }
  });

  it("spreads 100,000 contacts over 1,000 members to within one of each other", () => {
    const loads = Array.from({ length: 1000 }, (_, i) => ({ userId: `u${String(i).padStart(4, "0")}`, held: i % 97 }));
    const plan = allocate(loads, 100_000);
    expect(plan.reduce((n, s) => n + s.receives, 0)).toBe(100_000);
    const after = plan.map((s) => s.held + s.receives);
    expect(Math.max(...after) - Math.min(...after)).toBeLessThanOrEqual(1);
  });
});
