import { describe, expect, it } from "vitest";
import { loadSpec } from "../engine/index.js";
import { makeSample, testContext } from "../testing/index.js";
import { routerR1FormatProblem, routerR1ModelName } from "./router-format.js";

const good =
  "<think>I should ask a larger model.</think><search>llama-3.1-70b-instruct: Who wrote Hamlet?</search><information>Shakespeare.</information><think>Confirmed.</think><answer>William Shakespeare</answer>";
const known = (name: string) => routerR1ModelName(name) !== undefined;

describe("Router-R1's format check (rlhf.md §20, format_reward)", () => {
  it("passes the protocol and names the first failing check otherwise", () => {
    expect(routerR1FormatProblem(good, known)).toBeUndefined();
    const cases: Array<[string, RegExp]> = [
      ["plain text", /no <think>/],
      ["<think>a</think><answer>b</answer><answer>", /unbalanced <answer>/],
      ["<think>...</think><answer>b</answer>", /empty or '...'/],
      ["<think>a <answer>x</answer></think><answer>b</answer>", /nested/],
      ["<think>a</think><answer>b</answer><answer>c</answer>", /2 <answer> blocks/],
      ["<answer>b</answer>", /no <think>/],
      ["<think>a</think><search>qwen: q?</search><answer>b</answer>", /1 <search> but 0 <information>/],
      ["prefix <think>a</think><answer>b</answer>", /start with <think>/],
      ["<think>a</think><answer>b</answer> trailing", /end with <\/answer>/],
      [
        "<think>a</think><search>just a question</search><information>i</information><answer>b</answer>",
        /not `LLM-name: query`/,
      ],
      [
        "<think>a</think><search>LLM-name: your-query</search><information>i</information><answer>b</answer>",
        /not `LLM-name: query`/,
      ],
      [
        "<think>a</think><search>gpt-4o: q?</search><information>i</information><answer>b</answer>",
        /unknown LLM/,
      ],
    ];
    for (const [text, reason] of cases) expect(routerR1FormatProblem(text, known)).toMatch(reason);
  });

  it("resolves model names by Router-R1's keywords", () => {
    expect(routerR1ModelName("Qwen2.5-7B")).toBe("qwen/qwen2.5-7b-instruct");
    expect(routerR1ModelName("llama-3.1-8b-chatqa")).toBe("nvidia/llama3-chatqa-1.5-8b");
    expect(routerR1ModelName("llama-3")).toBeUndefined();
    expect(routerR1ModelName("mixtral-8x22b")).toBe("mistralai/mixtral-8x22b-instruct-v0.1");
  });

  it("as a node: 0 or −1 with the reason; `models` replaces the keyword rule", async () => {
    const { reward } = await loadSpec({ version: 1, reward: { type: "router_format" } });
    const results = await reward.score(
      [makeSample({ completion: good }), makeSample({ completion: "<answer>x</answer>" })],
      testContext(),
    );
    expect(results.map((result) => result.score)).toEqual([0, -1]);
    expect(results[1]?.reason).toBe("no <think>");
    const strict = await loadSpec({
      version: 1,
      reward: { type: "router_format", models: ["qwen2.5-7b-instruct"] },
    });
    const [refused] = await strict.reward.score([makeSample({ completion: good })], testContext());
    expect(refused?.reason).toContain("unknown LLM");
  });
});
