import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { metaNumber } from "./helpers/compose.js";
import { post, type RunningServer, startServer } from "./helpers/serve.js";

interface ScoreReply {
  results: Array<{ reward: number; components: Record<string, number> }>;
}

// BARFI's blend through the server: the weights live in the run's state and move once per training
// step, from what the trainer's rollouts say about each heuristic (issue 17).
describe("/v1/score with a blend node: weights learnt per run and step", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({
      version: 1,
      reward: {
        type: "blend",
        name: "mix",
        primary: metaNumber("solved", { name: "solved" }),
        auxiliary: [{ reward: metaNumber("length", { name: "length" }) }],
        learning_rate: 0.5,
      },
    });
  });
  afterAll(async () => server.close());

  // A heuristic that pays long answers, which here are the wrong ones.
  const samples = [
    { group: "q1", completion: "short right", meta: { solved: 1, length: 0.2 } },
    { group: "q1", completion: "long wrong", meta: { solved: 0, length: 1 } },
    { group: "q1", completion: "right", meta: { solved: 1, length: 0.1 } },
    { group: "q1", completion: "very long wrong", meta: { solved: 0, length: 0.9 } },
  ];
  const score = async (run: string, step: number) => {
    const reply = await post<ScoreReply>(`${server.url}/v1/score`, { samples, run, step });
    expect(reply.status).toBe(200);
    return reply.body.results;
  };

  it("down-weights a misleading heuristic step by step in one run; another run starts afresh", async () => {
    const weights: number[] = [];
    for (let step = 0; step < 5; step++) {
      // A step's rollouts may arrive in several calls: both are blended with the same weight.
      const [first] = await score("run-a", step);
      const [again] = await score("run-a", step);
      expect(again?.components["mix.weight.length"]).toBe(first?.components["mix.weight.length"]);
      weights.push(first?.components["mix.weight.length"] as number);
    }
    expect(weights[0]).toBe(1);
    for (let step = 1; step < weights.length; step++)
      expect(weights[step]).toBeLessThan(weights[step - 1] as number);
    // The blended reward uses the weight of the moment: solved + φ·length.
    const [late] = await score("run-a", 5);
    const weight = late?.components["mix.weight.length"] as number;
    expect(late?.reward).toBeCloseTo(1 + weight * 0.2, 6);
    const [fresh] = await score("run-b", 3);
    expect(fresh?.components["mix.weight.length"]).toBe(1);
  });
});
