import { describe, expect, it } from "vitest";
import { keepPretenuringFlag, turnOffPretenuringForServing } from "../src/cli/serve-heap.js";
import { type ServerProcess, spawnServer } from "./helpers/serve.js";

/** GSM8K-sized rollouts in batches of 256, as the server benchmark sends them. */
const bodies = Array.from({ length: 8 }, (_, batch) =>
  JSON.stringify({
    samples: Array.from({ length: 256 }, (_, position) => {
      const index = batch * 256 + position;
      const answer = index % 97;
      const think = `<think>Natalia sold ${answer} clips in April and half as many in May.</think>`;
      return {
        prompt: `<|im_start|>user\nHow many clips did Natalia sell altogether? (${index})<|im_end|>\n<|im_start|>assistant\n`,
        completion: `${think}\n<answer>${index % 3 === 0 ? answer + 1 : answer}</answer>`,
        reference: `${think}\n<answer>${answer}</answer>`,
      };
    }),
  }),
);

/** Sends `count` batched requests, four at a time; returns how many sites V8 decided to tenure. */
async function tenureDecisions(server: ServerProcess, count: number): Promise<number> {
  let next = 0;
  const client = async () => {
    while (next < count) {
      const body = bodies[next++ % bodies.length] as string;
      const response = await fetch(`${server.url}/v1/score`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      expect(response.status).toBe(200);
      await response.arrayBuffer();
    }
  };
  await Promise.all([client(), client(), client(), client()]);
  server.child.kill("SIGTERM");
  expect(await server.exited).toBe(0);
  return server.otherLines.filter((line) => /pretenuring: AllocationSite.*=> tenure$/.test(line)).length;
}

describe("rewardkit serve and V8's allocation-site pretenuring", () => {
  it("turns it off in the serving process, and leaves it on when node was started with --allocation-site-pretenuring", async () => {
    const spec = ["--spec", "bench/server/spec.yaml", "--port", "0"];
    const trace = ["--trace-pretenuring-statistics"];
    // V8's default (kept by the flag): under batched load it tenures the per-request sites.
    const kept = await tenureDecisions(await spawnServer(spec, {}, [...trace, keepPretenuringFlag]), 800);
    const served = await tenureDecisions(await spawnServer(spec, {}, trace), 800);
    expect(kept).toBeGreaterThanOrEqual(20);
    // Turned off at start-up, after a few sites of the start-up code itself may have been decided.
    expect(served).toBeLessThan(kept / 4);
  }, 60_000);

  it("is a no-op when node was started with the flag that keeps it", () => {
    expect(turnOffPretenuringForServing(["--inspect", keepPretenuringFlag])).toBe(false);
  });
});
