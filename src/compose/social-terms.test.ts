import { describe, expect, it } from "vitest";
import { scoreNode } from "../../test/helpers/compose.js";
import { makeSample, testContext } from "../testing/index.js";
import { punishmentRewards, reputationChange } from "./social-terms.js";

const row = (meta: Record<string, unknown>) => makeSample({ meta });

describe("direct punishment and reputation terms (rm-rl.md §25)", () => {
  it("the worked example: both defect, the partner punishes justly → victim 1 − 3 = −2, punisher 1 + 2", () => {
    const rewards = punishmentRewards("punish", "defect");
    expect(1 + rewards.victim).toBe(-2);
    expect(1 + rewards.punisher).toBe(3);
    expect(punishmentRewards("punish", "cooperate")).toEqual({ punisher: -10, victim: -3 });
    expect(punishmentRewards("spare", "defect")).toEqual({ punisher: 0, victim: 0 });
    expect(punishmentRewards("punish", "defect", { victimPenalty: -3, just: -3, unjust: -10 }).punisher).toBe(
      -3,
    );
  });

  it("reputation: C +1, D −1, just punishment +2, unjust −3", () => {
    expect(reputationChange({ move: "cooperate" })).toEqual({ move: 1, punishment: 0 });
    expect(
      reputationChange({ move: "defect", punishment: { decision: "punish", victimMove: "defect" } }),
    ).toEqual({
      move: -1,
      punishment: 2,
    });
    expect(reputationChange({ punishment: { decision: "punish", victimMove: "cooperate" } }).punishment).toBe(
      -3,
    );
  });
});

describe("reputation node", () => {
  it("keeps each agent's reputation across batches of one run, and apart across runs", async () => {
    const context = testContext({ runId: "run-a" });
    const node = { type: "reputation" };
    const first = await scoreNode(
      node,
      [row({ agent: "a", move: "C" }), row({ agent: "b", move: 1 }), row({ agent: "a", move: "cooperate" })],
      context,
    );
    expect(first.map((result) => result.score)).toEqual([1, -1, 2]);
    const second = await scoreNode(
      node,
      [
        row({ agent: "a", move: "D", punish: true, victim_move: "D" }),
        row({ agent: "b", punish: "P", victim_move: "C" }),
      ],
      context,
    );
    // a: 2 − 1 + 2 = 3; b: −1 − 3 = −4.
    expect(second.map((result) => result.score)).toEqual([3, -4]);
    expect(second[1]?.components?.["reputation.change"]).toBe(-3);
    const other = await scoreNode(node, [row({ agent: "a", move: "D" })], testContext({ runId: "run-b" }));
    expect(other[0]?.score).toBe(-1);
    const change = await scoreNode(
      { type: "reputation", output: "change" },
      [row({ agent: "a", move: "D" })],
      context,
    );
    expect(change[0]?.score).toBe(-1);
  });

  it("names the bad field of a bad row and still scores the valid ones", async () => {
    const results = await scoreNode({ type: "reputation" }, [
      row({ agent: "a", move: "maybe" }),
      row({ move: "C" }),
      row({ agent: "a", punish: true }),
      row({ agent: "c", move: "C" }),
    ]);
    expect(results[0]?.error?.message).toMatch(/row 0: meta\.move must be C\/D/);
    expect(results[1]?.error?.message).toMatch(/meta\.agent must name the agent/);
    expect(results[2]?.error?.message).toMatch(/needs meta\.victim_move/);
    expect(results[3]?.score).toBe(1);
  });
});

describe("punishment node", () => {
  it("pays the punisher or the victim and tallies how just each punisher is per run", async () => {
    const context = testContext({ runId: "run-p" });
    const rows = [
      row({ punisher: 1, punish: true, victim_move: "D" }),
      row({ punisher: 1, punish: "NP", victim_move: "C" }),
      row({ punisher: 1, punish: "P", victim_move: "C" }),
    ];
    const punisher = await scoreNode({ type: "punishment" }, rows, context);
    expect(punisher.map((result) => result.score)).toEqual([2, 0, -10]);
    expect(punisher.map((result) => result.components?.["punishment.just_share"])).toEqual([1, 1, 0.5]);
    const victim = await scoreNode({ type: "punishment", role: "victim" }, rows, testContext());
    expect(victim.map((result) => result.score)).toEqual([-3, 0, -3]);
    // Before any punishment the share is unknown, not 0.
    const spared = await scoreNode({ type: "punishment" }, [
      row({ punisher: 2, punish: false, victim_move: "D" }),
    ]);
    expect(spared[0]?.components?.["punishment.punishments"]).toBe(0);
    expect(spared[0]?.components).not.toHaveProperty(["punishment.just_share"]);
    const bad = await scoreNode({ type: "punishment" }, [
      row({ punisher: 2, punish: "yes", victim_move: "D" }),
    ]);
    expect(bad[0]?.error?.message).toMatch(/meta\.punish must be true\/false/);
  });
});
