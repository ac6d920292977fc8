import { describe, expect, it } from "vitest";
import { buildFromDefinition } from "../definition.js";
import { matrixGame } from "./matrix-game-definition.js";
import { payoffTables } from "./payoff-tables.js";
import { publicGoods } from "./public-goods-definition.js";

describe("repeated matrix games", () => {
  it("pay every joint action as the table says (prisoner's dilemma, stag hunt, chicken, pennies)", () => {
    for (const name of [
      "prisoners-dilemma",
      "stag-hunt",
      "chicken",
      "matching-pennies",
      "coordination",
    ] as const) {
      const game = buildFromDefinition(matrixGame, { game: name, rounds: 4 });
      const table = payoffTables[name].payoffs;
      game.reset({ seed: 0 });
      for (const [row, column] of [
        [0, 0],
        [0, 1],
        [1, 0],
        [1, 1],
      ] as const) {
        const step = game.step([row, column]);
        expect([...step.rewards]).toEqual([...(table[row]?.[column] ?? [])]);
      }
    }
    // The prisoner's dilemma's table (methods/rm-rl.md §25): CC 3/3, CD 0/4, DC 4/0, DD 1/1.
    expect(payoffTables["prisoners-dilemma"].payoffs).toEqual([
      [
        [3, 3],
        [0, 4],
      ],
      [
        [4, 0],
        [1, 1],
      ],
    ]);
  });

  it("remembers the last game (memory one) and ends after its rounds", () => {
    const game = buildFromDefinition(matrixGame, { rounds: 2 });
    const start = game.reset();
    expect(start.observations[0]).toEqual({
      agent: 0,
      partner: 1,
      ownLast: -1,
      opponentLast: -1,
      partnerLast: -1,
    });
    const first = game.step([0, 1]);
    expect(first.terminated).toBe(false);
    expect(first.observations[0]).toEqual({
      agent: 0,
      partner: 1,
      ownLast: 0,
      opponentLast: 1,
      partnerLast: 1,
    });
    expect(game.observationText(first.observations[0] as never)).toBe(
      "You are agent 0 and play agent 1 this round. In your last game you played cooperate and your opponent played defect. Agent 1 last played defect. Choose: cooperate or defect.",
    );
    expect(first.info).toEqual({ round: 0, pairs: [[0, 1]], actions: [0, 1], action_counts: [1, 1] });
    expect(game.step([1, 1]).terminated).toBe(true);
    expect(() => game.step([0, 0])).toThrow(/call reset/);
  });

  it("matches a population in random pairs per round, repeatably for a seed; the odd one sits out with 0", () => {
    const game = buildFromDefinition(matrixGame, { agents: 5, rounds: 6 });
    const pairings = (seed: number) => {
      game.reset({ seed });
      const seen: string[] = [];
      for (let round = 0; round < 6; round++) {
        const step = game.step([0, 0, 0, 0, 0]);
        const pairs = step.info.pairs as [number, number][];
        expect(pairs.length).toBe(2);
        const sitting = [0, 1, 2, 3, 4].filter((agent) => !pairs.some((pair) => pair.includes(agent)));
        expect(sitting.length).toBe(1);
        expect(step.rewards[sitting[0] as number]).toBe(0);
        for (const [a, b] of pairs) expect([step.rewards[a], step.rewards[b]]).toEqual([3, 3]);
        seen.push(JSON.stringify(pairs));
      }
      return seen;
    };
    expect(pairings(1)).toEqual(pairings(1));
    expect(pairings(1)).not.toEqual(pairings(2));
  });

  it("takes a custom table and refuses a ragged one", () => {
    const game = buildFromDefinition(matrixGame, {
      payoffs: [
        [
          [2, 1],
          [0, 0],
        ],
        [
          [0, 0],
          [1, 2],
        ],
      ],
      labels: ["opera", "football"],
    });
    game.reset();
    expect([...game.step([1, 1]).rewards]).toEqual([1, 2]);
    expect(game.actionSpace).toMatchObject({ n: 2, labels: ["opera", "football"] });
    expect(() => buildFromDefinition(matrixGame, { payoffs: [[[1, 1]], [[0, 0]]] })).toThrow(/2 × 2 table/);
  });
});

describe("public goods game", () => {
  it("pays e − c_i + r·Σc/N", () => {
    const game = buildFromDefinition(publicGoods, { agents: 4, endowment: 10, multiplier: 1.6, levels: 11 });
    game.reset();
    // Contributions 10, 5, 0, 0: pot 15, share 1.6 · 15 / 4 = 6.
    const step = game.step([10, 5, 0, 0]);
    expect([...step.rewards]).toEqual([6, 11, 16, 16]);
    expect(step.info).toMatchObject({ pot: 15, mean_contribution: 0.375 });
    expect(step.observations[0]).toEqual({ agent: 0, ownLast: 10, othersLast: 5 / 30 });
    const all = game.step([10, 10, 10, 10]);
    expect([...all.rewards]).toEqual([16, 16, 16, 16]);
  });

  it("is a dilemma with 1 < r < N: defecting against cooperators pays the defector more", () => {
    const game = buildFromDefinition(publicGoods, {});
    game.reset();
    const step = game.step([0, 1, 1, 1]);
    expect(step.rewards[0]).toBeGreaterThan(step.rewards[1] as number);
    expect((step.rewards[0] as number) + 3 * (step.rewards[1] as number)).toBeLessThan(4 * 16);
  });
});
