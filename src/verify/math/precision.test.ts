import { describe, expect, it } from "vitest";
import { normalizeAnswer } from "./normalize.js";
import { parseMath } from "./parse.js";
import { compareAsWritten, terminatesWithin, writtenDecimal } from "./precision.js";

const written = (text: string) => writtenDecimal(parseMath(normalizeAnswer(text)));

describe("decimals at the precision they were written with", () => {
  it("reads places and significant digits as written", () => {
    expect(written("0.330")).toEqual({ value: 0.33, places: 3, significant: 3 });
    expect(written("-3.14")).toEqual({ value: -3.14, places: 2, significant: 3 });
    expect(written("33\\%")).toMatchObject({ places: 2, significant: 2 });
    expect(written("33.3\\%")).toMatchObject({ places: 3, significant: 3 });
    expect(written("1/3")).toBeUndefined();
  });

  it("compares an exact value rounded to the written places, only without a finite expansion", () => {
    expect(compareAsWritten(1 / 3, { value: 0.33, places: 2, significant: 2 }, 6)).toEqual({
      equal: true,
      rounded: 0.33,
    });
    expect(compareAsWritten(2 / 3, { value: 0.66, places: 2, significant: 2 }, 6)?.equal).toBe(false);
    expect(compareAsWritten(1 / 8, { value: 0.13, places: 2, significant: 2 }, 6)).toBeUndefined();
    expect(compareAsWritten(1 / 3, { value: 0.3, places: 1, significant: 1 }, 6)).toBeUndefined();
    expect(compareAsWritten(Math.sqrt(3), { value: 1.732, places: 3, significant: 4 }, 6)?.equal).toBe(true);
    expect(terminatesWithin(0.125, 6)).toBe(true);
    expect(terminatesWithin(1 / 3, 6)).toBe(false);
  });
});
