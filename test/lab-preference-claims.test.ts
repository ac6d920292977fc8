import { describe, expect, it } from "vitest";
import { runLab } from "../src/lab/index.js";

// Issue 21's experiments: every claim docs/lab.md says holds is checked on several seeds, at the
// default settings where they take seconds (otherwise at the smallest settings that still show it).
async function claimsOver(experiment: string, seeds: readonly number[], options: Record<string, unknown> = {}) {
  const runs = [];
  for (const seed of seeds) runs.push(await runLab({ experiment, seed, options }));
  return runs;
}

function heldBy(runs: Awaited<ReturnType<typeof claimsOver>>, index: number): number {
  return runs.filter((run) => run.claims[index]?.holds === true).length;
}

describe("reward-distance (STARC, EPIC) at the default settings, seeds 1–5", () => {
  it("shaped rewards at distance 0, naive distance large, both distances track regret, STARC at least as closely", async () => {
    const runs = await claimsOver("reward-distance", [1, 2, 3, 4, 5]);
    for (let index = 0; index < 5; index++) expect(heldBy(runs, index)).toBe(5);
  });
});

describe("diffusion-preferences (D3PO, Flow-DPO, Flow-RWR, Ctrl-U, DRAGON) at the default settings, seeds 1–3", () => {
  it("every claim holds on each seed", async () => {
    const runs = await claimsOver("diffusion-preferences", [1, 2, 3]);
    for (let index = 0; index < 7; index++) expect(heldBy(runs, index)).toBe(3);
  }, 240_000);
});

describe("polar (policy discriminator vs Bradley–Terry) at the default settings, seeds 1–5", () => {
  it("every claim holds on each seed", async () => {
    const runs = await claimsOver("polar", [1, 2, 3, 4, 5]);
    for (let index = 0; index < 5; index++) expect(heldBy(runs, index)).toBe(5);
  });
});
