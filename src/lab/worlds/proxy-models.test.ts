import { describe, expect, it } from "vitest";
import { deriveSeed, labRandom } from "../random.js";
import { samplePreferences } from "./preferences.js";
import { defaultProxyTraining, representationTable, trainProxies } from "./proxy-models.js";
import { randomBackbone } from "./representation.js";
import { createRlhfWorld, defaultRlhfWorld } from "./rlhf-world.js";

function correlationUnderBase(a: Float64Array, b: Float64Array, weights: Float64Array): number {
  let total = 0;
  let ma = 0;
  let mb = 0;
  weights.forEach((weight, index) => {
    total += weight;
    ma += weight * (a[index] as number);
    mb += weight * (b[index] as number);
  });
  ma /= total;
  mb /= total;
  let cov = 0;
  let va = 0;
  let vb = 0;
  weights.forEach((weight, index) => {
    cov += weight * ((a[index] as number) - ma) * ((b[index] as number) - mb);
    va += weight * ((a[index] as number) - ma) ** 2;
    vb += weight * ((b[index] as number) - mb) ** 2;
  });
  return cov / Math.sqrt(va * vb);
}

describe("proxy reward models (the library's Bradley–Terry trainer)", () => {
  const world = createRlhfWorld({ ...defaultRlhfWorld, seed: 2, prompts: 12, candidates: 128 });
  const pairs = samplePreferences(world, {
    pairs: 1500,
    labelNoise: 0.25,
    random: labRandom(deriveSeed(2, "pairs")),
  });

  it("learn the gold reward where the base policy puts its mass, despite 25% flipped labels", () => {
    const [proxy] = trainProxies({ world, pairs, members: 1, seed: 1, training: defaultProxyTraining });
    expect(correlationUnderBase(proxy as Float64Array, world.gold, world.baseProbabilities)).toBeGreaterThan(
      0.8,
    );
  });

  it("are standardized under the base policy and repeat for a seed", () => {
    const run = () => trainProxies({ world, pairs, members: 2, seed: 7, training: defaultProxyTraining });
    const [first, second] = run();
    expect(run()[0]).toEqual(first);
    expect(first).not.toEqual(second);
    let mean = 0;
    (first as Float64Array).forEach((value, index) => {
      mean += ((world.baseProbabilities[index] as number) * value) / world.prompts;
    });
    expect(mean).toBeCloseTo(0, 6);
  });

  it("disagree more when each member is pretrained from its own seed than when they share a backbone", () => {
    const spread = (pretrainSeeds: "per_member" | "shared") => {
      const members = trainProxies({
        world,
        pairs,
        members: 3,
        seed: 3,
        training: { ...defaultProxyTraining, pretrainSeeds },
      });
      let total = 0;
      for (let index = 0; index < world.prompts * world.candidates; index++) {
        const scores = members.map((member) => member[index] as number);
        const mean = scores.reduce((sum, value) => sum + value, 0) / scores.length;
        total += Math.sqrt(scores.reduce((sum, value) => sum + (value - mean) ** 2, 0) / scores.length);
      }
      return total;
    };
    expect(spread("per_member")).toBeGreaterThan(spread("shared"));
  });

  it("build a fine-tune-seed ensemble on any member's backbone (default: the first)", () => {
    const shared = (sharedBackbone?: number) =>
      trainProxies({
        world,
        pairs,
        members: 2,
        seed: 3,
        training: {
          ...defaultProxyTraining,
          pretrainSeeds: "shared",
          ...(sharedBackbone === undefined ? {} : { sharedBackbone }),
        },
      });
    expect(shared(0)).toEqual(shared());
    const onSecond = shared(1);
    expect(onSecond[0]).not.toEqual(shared(0)[0]);
    // Its members share the second member's backbone: they agree with that member more than the
    // first member does.
    const [first, second] = trainProxies({
      world,
      pairs,
      members: 2,
      seed: 3,
      training: defaultProxyTraining,
    });
    const weights = world.baseProbabilities;
    expect(
      correlationUnderBase(onSecond[0] as Float64Array, second as Float64Array, weights),
    ).toBeGreaterThan(correlationUnderBase(onSecond[0] as Float64Array, first as Float64Array, weights));
  });

  it("represent a candidate as its features followed by the backbone's ReLU features", () => {
    const backbone = randomBackbone({
      pretrainSeed: 1,
      inputs: world.dimensions,
      width: 4,
      weightScale: 1,
      biasScale: 1,
    });
    const { table, width } = representationTable(world, backbone);
    expect(width).toBe(world.dimensions + 4);
    expect(Array.from(table.subarray(0, world.dimensions))).toEqual(
      Array.from(world.features.subarray(0, world.dimensions)),
    );
    expect(Array.from(table.subarray(world.dimensions, width))).toEqual(
      Array.from(backbone.embed(world.features.subarray(0, world.dimensions))),
    );
    for (const value of table.subarray(world.dimensions, width)) expect(value).toBeGreaterThanOrEqual(0);
  });
});
