import { describe, expect, it } from "vitest";
import { labRandom } from "../random.js";
import { centeredRanks, OpenEs } from "./open-es.js";

describe("OpenEs (Salimans et al. 2017, as evosax's OpenES)", () => {
  it("centered ranks map to [−½, ½] by order", () => {
    expect(centeredRanks([10, -3, 4])).toEqual([0.5, -0.5, 0]);
  });

  it("climbs a concave fitness to its maximum from antithetic samples", () => {
    const target = [1.5, -2, 0.5];
    const fitness = (point: Float64Array) =>
      -point.reduce((sum, value, index) => sum + (value - (target[index] as number)) ** 2, 0);
    const search = new OpenEs({
      initial: new Float64Array(3),
      options: { population: 16, sigma: 0.1, learningRate: 0.05 },
      random: labRandom(4),
    });
    const start = fitness(search.mean);
    for (let generation = 0; generation < 300; generation++) {
      const { noise, members } = search.ask();
      search.tell(noise, members.map(fitness));
    }
    expect(fitness(search.mean)).toBeGreaterThan(0.01 * start);
    expect(search.mean[0]).toBeCloseTo(1.5, 1);
    expect(
      () =>
        new OpenEs({
          initial: new Float64Array(1),
          options: { population: 3, sigma: 1, learningRate: 1 },
          random: labRandom(1),
        }),
    ).toThrow(/even/);
  });
});
