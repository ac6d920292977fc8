import { describe, expect, it } from "vitest";
import { MapElitesArchive } from "./map-elites.js";
import { novelties, novelty } from "./novelty.js";

describe("novelty (methods doc §20.1)", () => {
  it("matches the worked example: the mean of the 2 nearest, skipping itself", () => {
    const reference = [
      [0, 0],
      [1, 0],
      [0, 2],
      [3, 4],
    ];
    expect(novelty([0, 0], reference, { k: 2 })).toBe(1.5);
    expect(novelty([0, 0], reference.slice(1), { k: 2, includesSelf: false })).toBe(1.5);
    expect(novelties(reference, reference, 1)).toEqual([1, 1, 2, Math.sqrt(13)]);
  });

  it("uses every neighbour there is when fewer than k, and refuses bad input", () => {
    expect(novelty([0], [[0], [2]], { k: 15 })).toBe(2);
    expect(() => novelty([0, 0], [[1]], { k: 1 })).toThrow(/differ in length/);
    expect(() => novelty([0], [[1]], { k: 0 })).toThrow(/positive integer/);
  });
});

describe("MAP-Elites archive", () => {
  it("keeps the fittest per cell and reports coverage and the best fitness", () => {
    const archive = new MapElitesArchive<string>({ bins: 2, low: [0, 0], high: [10, 10] });
    expect(archive.insert({ item: "a", descriptor: [1, 1], fitness: 0 })).toBe(true);
    expect(archive.insert({ item: "b", descriptor: [2, 2], fitness: -1 })).toBe(false);
    expect(archive.insert({ item: "c", descriptor: [3, 3], fitness: 2 })).toBe(true);
    expect(archive.insert({ item: "d", descriptor: [9, 1], fitness: 0 })).toBe(true);
    // Outside the bounds: clamped into the edge cell.
    expect(archive.cellOf([-5, 20])).toBe(1);
    expect(archive.elites.get(0)?.item).toBe("c");
    expect(archive.coverage).toBe(0.5);
    expect(archive.bestFitness).toBe(2);
    expect(() => new MapElitesArchive({ bins: 2, low: [0], high: [0] })).toThrow(/exceed/);
  });
});
