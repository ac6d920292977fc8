import { describe, expect, it } from "vitest";
import { scoreBodyFastPath } from "./score-fast-path.js";
import { scoreRequestSchema } from "./score-route.js";

const bodies: unknown[] = [
  { samples: [] },
  { samples: [{ completion: "a" }, 3, null] },
  { samples: [], run: "r", step: 0, timeout_ms: 0.5 },
  { samples: [], run: "x".repeat(256), step: 2 ** 53 - 1 },
  // Refused by the schema: each must also miss the fast path.
  { samples: [], run: "" },
  { samples: [], run: "x".repeat(257) },
  { samples: [], run: 7 },
  { samples: [], step: -1 },
  { samples: [], step: 1.5 },
  { samples: [], step: 2 ** 53 },
  { samples: [], step: "3" },
  { samples: [], timeout_ms: 0 },
  { samples: [], timeout_ms: -5 },
  { samples: [], timeout_ms: Number.POSITIVE_INFINITY },
  { samples: [], extra: 1 },
  { samples: {} },
  { run: "r" },
  [],
  null,
  "samples",
];

describe("scoreBodyFastPath", () => {
  it("takes exactly the bodies the schema accepts, as the schema gives them", () => {
    let taken = 0;
    for (const body of bodies) {
      const parsed = scoreRequestSchema.safeParse(body);
      const fast = scoreBodyFastPath(body);
      if (fast === undefined) {
        expect(parsed.success, JSON.stringify(body)).toBe(false);
      } else {
        taken++;
        expect(parsed.success, JSON.stringify(body)).toBe(true);
        expect(fast).toEqual(parsed.data);
      }
    }
    expect(taken).toBe(4);
  });
});
