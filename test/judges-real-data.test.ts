import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSpec } from "../src/engine/index.js";
import {
  lastUserMessage,
  makeSample,
  type OpenAIServer,
  startOpenAIServer,
  testContext,
} from "../src/testing/index.js";
import { hasSharedData, sharedDataPath } from "./helpers/shared-data.js";

interface AutoJPair {
  scenario: string;
  label: 0 | 1 | 2;
  prompt: string;
  "response 1": string;
  "response 2": string;
}

describe.skipIf(!hasSharedData("auto-j/testdata_pairwise.jsonl"))(
  "pairwise_judge on real Auto-J pairs, against a local server that answers with the human label",
  () => {
    let server: OpenAIServer;
    let pairs: AutoJPair[];
    beforeAll(async () => {
      pairs = readFileSync(sharedDataPath("auto-j/testdata_pairwise.jsonl"), "utf8")
        .split("\n")
        .filter((line) => line.trim() !== "")
        .slice(0, 96)
        .map((line) => JSON.parse(line) as AutoJPair);
      // The "judge" finds which real response is shown as A and answers with the human label.
      server = await startOpenAIServer({
        reply: (request) => {
          const user = lastUserMessage(request);
          // Each response sits, unaltered, between <<<RESPONSE id>>> markers (issue 15 §3).
          const unwrap = (text: string) =>
            text
              .replace(/^<<<RESPONSE [0-9a-f]{16}>>>\n/, "")
              .replace(/\n<<<END RESPONSE [0-9a-f]{16}>>>$/, "");
          const a = unwrap(user.slice(user.indexOf("[Response A]\n") + 13, user.indexOf("\n\n[Response B]")));
          const b = unwrap(
            user.slice(user.indexOf("[Response B]\n") + 13, user.lastIndexOf("\n\nCompare the two")),
          );
          // Some responses recur across Auto-J rows: match the prompt and both responses.
          const pair = pairs.find(
            (each) =>
              user.includes(each.prompt) &&
              ((each["response 1"] === a && each["response 2"] === b) ||
                (each["response 2"] === a && each["response 1"] === b)),
          );
          if (!pair) return "I could not find the texts.";
          if (pair.label === 2) return "Both are equally good. [[C]]";
          const preferred = pair.label === 0 ? pair["response 1"] : pair["response 2"];
          return a === preferred ? "Response A is better. [[A]]" : "Response B is better. [[B]]";
        },
      });
    });
    afterAll(async () => {
      await server.close();
    });

    it("gives the human-preferred response the win in both orders, ties ½, with real texts unaltered", async () => {
      const loaded = await loadSpec({
        version: 1,
        reward: { type: "pairwise_judge", url: server.url, model: "judge", concurrency: 8 },
      });
      const samples = pairs.flatMap((pair, index) => [
        makeSample({ prompt: pair.prompt, completion: pair["response 1"], group: `pair-${index}` }),
        makeSample({ prompt: pair.prompt, completion: pair["response 2"], group: `pair-${index}` }),
      ]);
      const results = await loaded.reward.score(samples, testContext({ concurrency: 32 }));
      await loaded.close();
      expect(server.requests).toHaveLength(pairs.length * 2);
      pairs.forEach((pair, index) => {
        const first = results[2 * index];
        const second = results[2 * index + 1];
        expect(first?.error).toBeUndefined();
        const expected = pair.label === 2 ? [0.5, 0.5] : pair.label === 0 ? [1, 0] : [0, 1];
        expect([first?.score, second?.score]).toEqual(expected);
      });
      const labels = new Set(pairs.map((pair) => pair.label));
      expect(labels).toEqual(new Set([0, 1, 2]));
    });
  },
);
