import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { metaNumber } from "./helpers/compose.js";
import { post, type RunningServer, startServer } from "./helpers/serve.js";

interface ScoreReply {
  results: Array<{ reward: number; components: Record<string, number> }>;
}

// Research-idea dimensional control (#64, reconstructed) through the server: the controller's weights
// live in the run's state and move once per training step (`run`, `step` of /v1/score).
describe("/v1/score with a dimensional_control node", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({
      version: 1,
      reward: {
        type: "dimensional_control",
        name: "idea",
        dimensions: [
          { reward: metaNumber("novelty", { name: "novelty" }), target: 0.8 },
          { reward: metaNumber("feasibility", { name: "feasibility" }), target: 0.6 },
          { reward: metaNumber("effectiveness", { name: "effectiveness" }), target: 0.7 },
        ],
      },
    });
  });
  afterAll(async () => server.close());

  const samples = [
    { completion: "idea A", meta: { novelty: 0.9, feasibility: 0.4, effectiveness: 0.7 } },
    { completion: "idea B", meta: { novelty: 0.5, feasibility: 0.8, effectiveness: 0.6 } },
  ];
  const score = async (run: string, step: number) => {
    const reply = await post<ScoreReply>(`${server.url}/v1/score`, { samples, run, step });
    expect(reply.status).toBe(200);
    return reply.body.results;
  };

  it("scores the worked example at step 0 and with the adjusted weights at step 1; runs are separate", async () => {
    const first = await score("run-a", 0);
    expect(first.map((result) => result.reward)).toEqual([
      expect.closeTo(-0.05, 9),
      expect.closeTo(-0.14, 9),
    ]);
    const second = await score("run-a", 1);
    expect(second[0]?.reward).toBeCloseTo(-0.052435, 6);
    expect(second[1]?.components["idea.weight.effectiveness"]).toBeCloseTo(0.902617, 6);
    const other = await score("run-b", 1);
    expect(other[0]?.components["idea.weight.novelty"]).toBe(1);
  });
});
