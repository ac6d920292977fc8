import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { post, type RunningServer, startServer } from "./helpers/serve.js";

interface ScoreReply {
  results: Array<{ reward: number; components: Record<string, number> }>;
}

// Global novelty counts through the server: they live in the run's state, so a trainer's batches of
// one run see the counts of its earlier batches, and another run starts from nothing (issue 18).
describe("/v1/score with count_novelty: global counts per run", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({
      version: 1,
      reward: { type: "count_novelty", name: "novelty", key_field: "observation", scope: "global" },
    });
  });
  afterAll(async () => server.close());

  const trajectory = (...observations: string[]) => ({
    completion: "",
    steps: observations.map((observation) => ({ observation })),
  });
  const score = async (run: string, samples: unknown[]) => {
    const reply = await post<ScoreReply>(`${server.url}/v1/score`, { samples, run, step: 0 });
    expect(reply.status).toBe(200);
    return reply.body.results;
  };

  it("pays less for states a run has seen in earlier requests; another run is fresh", async () => {
    const [first] = await score("run-a", [trajectory("room 1", "room 2")]);
    expect(first?.reward).toBe(2);
    const [second] = await score("run-a", [trajectory("room 1", "room 3")]);
    expect(second?.reward).toBeCloseTo(1 / Math.SQRT2 + 1, 12);
    expect(second?.components["novelty.distinct_in_run"]).toBe(3);
    const [fresh] = await score("run-b", [trajectory("room 1")]);
    expect(fresh?.reward).toBe(1);
  });
});
