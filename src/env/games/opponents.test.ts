import { describe, expect, it } from "vitest";
import { buildFromDefinition } from "../definition.js";
import type { MatrixGameObservation } from "./matrix-game.js";
import { matrixGame } from "./matrix-game-definition.js";
import type { PublicGoodsObservation } from "./public-goods.js";
import { publicGoods } from "./public-goods-definition.js";
import { createOpponent } from "./scripted-opponents.js";
import { withOpponents } from "./with-opponents.js";

function againstOpponent(strategy: string, learnerActions: (round: number) => number) {
  const game = buildFromDefinition(matrixGame, { game: "prisoners-dilemma", rounds: 10 });
  const opponent = createOpponent({ game: "matrix-game", strategy, actionSpace: game.actionSpace });
  const world = withOpponents<MatrixGameObservation>(game, { opponents: [opponent] });
  world.reset({ seed: 1 });
  let total = 0;
  const theirs: string[] = [];
  for (let round = 0; round < 10; round++) {
    const step = world.step(learnerActions(round));
    total += step.reward;
    theirs.push((step.info.opponent_actions as Record<string, string>)["1"] as string);
    if (round === 9) expect(step.terminated).toBe(true);
  }
  return { total, theirs };
}

describe("scripted opponents in the prisoner's dilemma (CC 3, CD 0, DC 4, DD 1)", () => {
  it("tit-for-tat: cooperating earns 3 a round; defecting earns 4 once, then 1", () => {
    expect(againstOpponent("tit-for-tat", () => 0).total).toBe(30);
    const defecting = againstOpponent("tit-for-tat", () => 1);
    expect(defecting.total).toBe(4 + 9 * 1);
    expect(defecting.theirs.slice(0, 3)).toEqual(["cooperate", "defect", "defect"]);
  });

  it("grim trigger never forgives; win-stay-lose-shift alternates against a defector", () => {
    // C, D, then C forever: CC 3, DC 4, then the trigger has fired: CD 0 for eight rounds.
    expect(againstOpponent("grim-trigger", (round) => (round === 1 ? 1 : 0)).total).toBe(7);
    const pavlov = againstOpponent("win-stay-lose-shift", () => 1);
    expect(pavlov.theirs.slice(0, 4)).toEqual(["cooperate", "defect", "cooperate", "defect"]);
    expect(pavlov.total).toBe(5 * 4 + 5 * 1);
    expect(againstOpponent("always:defect", () => 0).total).toBe(0);
  });

  it("a random opponent repeats with the episode's seed; unknown strategies are named errors", () => {
    expect(againstOpponent("random", () => 0)).toEqual(againstOpponent("random", () => 0));
    const game = buildFromDefinition(matrixGame, {});
    expect(() =>
      createOpponent({ game: "matrix-game", strategy: "nice", actionSpace: game.actionSpace }),
    ).toThrow(
      /no opponent strategy "nice"; known: tit-for-tat, grim-trigger, win-stay-lose-shift, random, always:<action>/,
    );
    expect(() =>
      createOpponent({ game: "matrix-game", strategy: "always:betray", actionSpace: game.actionSpace }),
    ).toThrow(/always:betray names no action; actions: cooperate, defect/);
  });
});

describe("scripted opponents in the public goods game", () => {
  it("conditional cooperators give everything first, then match the others' last mean", () => {
    const game = buildFromDefinition(publicGoods, { agents: 4, levels: 11, rounds: 3 });
    const opponents = [1, 2, 3].map(() =>
      createOpponent({ game: "public-goods", strategy: "conditional", actionSpace: game.actionSpace }),
    );
    const world = withOpponents<PublicGoodsObservation>(game, { opponents });
    world.reset({ seed: 0 });
    // Round 1: 3 × 10 in the pot, × 1.6 / 4 = 12 each; the free rider keeps its 10: 22.
    expect(world.step(0).reward).toBeCloseTo(22, 10);
    // Round 2: each sees the others' mean (0 + 10 + 10) / 3 = 6.67 → level 7; pot 21 × 1.6 / 4 = 8.4.
    const second = world.step(0);
    expect(second.reward).toBeCloseTo(18.4, 10);
    expect(second.info.opponent_actions).toEqual({ 1: "contribute 7", 2: "contribute 7", 3: "contribute 7" });
  });

  it("the learner may take any seat; the number of opponents must fit the game", () => {
    const game = buildFromDefinition(matrixGame, { game: "prisoners-dilemma", rounds: 2 });
    const tft = createOpponent({
      game: "matrix-game",
      strategy: "tit-for-tat",
      actionSpace: game.actionSpace,
    });
    const seatOne = withOpponents<MatrixGameObservation>(game, { learner: 1, opponents: [tft] });
    seatOne.reset({ seed: 0 });
    expect(seatOne.step(1).reward).toBe(4); // the column player defects against a cooperator
    expect(() => withOpponents<MatrixGameObservation>(game, { opponents: [] })).toThrow(
      /2 agents need 1 opponents, received 0/,
    );
  });
});
