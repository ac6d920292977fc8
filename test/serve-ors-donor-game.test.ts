import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blocksText, OrsClient } from "./helpers/ors-client.js";
import { type RunningOrsServer, startOrsServer } from "./helpers/ors-server.js";

/**
 * Issue 19: the Donor Game served over ORS (real socket), so an LLM agent can be trained in it: the
 * prompt shows the recipient's trace, each `act` is one donor turn and the rewards add up to the
 * final resources minus the endowment.
 */
describe("ORS: the donor-game environment", () => {
  let running: RunningOrsServer;
  let client: OrsClient;
  beforeAll(async () => {
    running = await startOrsServer({ flags: ["donor-game:agents=6,rounds=4"] });
    client = new OrsClient(running.url);
  });
  afterAll(async () => running.close());

  it("plays a generation: one act per round, rewards inline, finished after the last round", async () => {
    await client.session("donor-game", { split: "train", index: 2 }, async (sid) => {
      const prompt = await client.prompt("donor-game", sid);
      expect(prompt.map((block) => block.text).join("\n")).toMatch(
        /Round 1 of 4: you have [\d.]+ units and are the donor/,
      );
      const rewards: number[] = [];
      let finalResources = Number.NaN;
      for (let round = 1; round <= 4; round++) {
        const { result } = await client.call("donor-game", sid, {
          name: "act",
          input: { action: "donate 50%" },
        });
        if (!result.ok) throw new Error(result.error);
        rewards.push(result.output.reward as number);
        expect(result.output.finished).toBe(round === 4);
        const metadata = result.output.metadata as { info: { resources: number; given: number } };
        expect(metadata.info.given).toBe(0.5);
        finalResources = metadata.info.resources;
        if (round < 4) expect(blocksText(result.output.blocks)).toContain(`Round ${round + 1} of 4`);
      }
      expect(rewards.reduce((total, reward) => total + reward, 0)).toBeCloseTo(finalResources - 10, 6);
    });
  });
});
