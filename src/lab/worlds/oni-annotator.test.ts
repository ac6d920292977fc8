import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JudgeClient } from "../../judges/index.js";
import { type OpenAIServer, type RecordedRequest, startOpenAIServer } from "../../testing/index.js";
import { llmAnnotator, parseAnnotations, scriptedAnnotator, scriptedLabel } from "./oni-annotator.js";
import { oniRun } from "./oni-run.js";

/** The captions numbered in a request's prompt. */
function captionsOf(request: RecordedRequest): string[] {
  const messages = request.body?.messages as Array<{ content: string }>;
  return [...(messages[0]?.content ?? "").matchAll(/^\d+\. (.*)$/gm)].map((match) => match[1] as string);
}

/** A scripted LLM: answers each numbered caption with the scripted rule, after a short delay. */
let server: OpenAIServer;
beforeAll(async () => {
  server = await startOpenAIServer({
    reply: (request) => ({
      content: captionsOf(request)
        .map((caption, index) => `${index + 1}: ${scriptedLabel(caption)}`)
        .join("\n"),
      delayMs: 20,
    }),
  });
});
afterAll(() => server.close());

const client = () =>
  new JudgeClient({
    baseUrl: server.url,
    model: "annotator",
    concurrency: 4,
    retries: 0,
    requestTimeoutMs: 10_000,
  });

describe("ONI's LLM annotator over the judges' OpenAI-compatible client", () => {
  it("sends captions in batches, concurrently, and reads one FOO/BAR a caption", async () => {
    server.reset();
    const annotator = llmAnnotator({ client: client(), task: "reach the goal", batchSize: 3 });
    const captions = [
      "You picked up the key.",
      "You walk north.",
      "You opened the door.",
      "You bump into a wall.",
      "You reached the goal.",
      "You walk east.",
      "You walk west.",
    ];
    const answers = await annotator.annotate(captions);
    expect(answers).toEqual(["FOO", "BAR", "FOO", "BAR", "FOO", "BAR", "BAR"]);
    expect(server.requests).toHaveLength(3);
    expect(
      server.requests
        .map(captionsOf)
        .sort((a, b) => captions.indexOf(a[0] as string) - captions.indexOf(b[0] as string)),
    ).toEqual([captions.slice(0, 3), captions.slice(3, 6), captions.slice(6)]);
    expect(server.requests.every((request) => request.path === "/chat/completions")).toBe(true);
    expect(server.maxInFlight).toBeGreaterThan(1);
    expect(annotator.tally).toEqual({ captions: 7, requests: 3 });
  });

  it("labels a caption without a parseable answer 0 (BAR), as ONI does", () => {
    expect(parseAnnotations("1: FOO\nI am not sure about 2.\n3) bar", 3)).toEqual(["FOO", "", "BAR"]);
  });

  it("in the ONI loop asks about each distinct caption once and gives the same rewards as the scripted annotator", async () => {
    server.reset();
    const settings = {
      size: 6,
      episodes: 60,
      maxEpisodeSteps: 60,
      annotateEvery: 10,
      intrinsicCoefficient: 0.5,
      countExponent: 3,
      learningRate: 0.5,
      epsilon: 0.1,
      seed: 2,
    };
    let llm: ReturnType<typeof llmAnnotator> | undefined;
    const run = await oniRun({
      ...settings,
      method: "oni-retrieval",
      annotator: () => {
        llm = llmAnnotator({ client: client(), task: "reach the goal", batchSize: 4 });
        return llm;
      },
    });
    const asked = server.requests.flatMap(captionsOf);
    expect(new Set(asked).size).toBe(asked.length);
    expect(asked.length).toBe(run.annotatorCaptions.at(-1));
    expect(server.requests).toHaveLength(run.annotatorRequests);
    expect(llm?.tally.requests).toBe(server.requests.length);
    expect(Object.keys(run.captionRewards).sort()).toEqual([...asked].sort());
    const offline = await oniRun({ ...settings, method: "oni-retrieval", annotator: scriptedAnnotator });
    expect(run.successes).toEqual(offline.successes);
    expect(run.captionRewards).toEqual(offline.captionRewards);
    expect(run.captionRewards["You picked up the key."]).toBe(1);
    expect(run.captionRewards["You walk north."]).toBe(0);
  });
});
