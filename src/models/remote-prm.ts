import { RewardkitError } from "../core/index.js";
import { postJson } from "./http-json.js";

/**
 * How a process reward model is served:
 * - `openrlhf`: POST `{query, prompts, labels}` to `/get_reward`, each query the prompt and the
 *   solution with the step tag after every step; the reply's `rewards` holds one list of step
 *   rewards per query (the shape OpenRLHF's PPO read from a remote PRM with `--prm_step_separator`).
 * - `vllm_pooling`: vLLM's `/pooling` with a step pooler (`STEP` pooling, the step tag's token id):
 *   `{model, input: [...]}` → `{data: [{index, data: [[p_0, p_1, ...] per step tag]}]}`.
 * - `classify`: a sequence classifier (vLLM/SGLang `/classify`) asked once per step with the
 *   solution up to that step: `{model, input: [...]}` → `{data: [{index, probs: [...]}]}`.
 */
export const prmProtocols = ["openrlhf", "vllm_pooling", "classify"] as const;
export type PrmProtocol = (typeof prmProtocols)[number];

/** One solution to score: the question and its steps (and a label the server may want). */
export interface PrmSolution {
  prompt: string;
  steps: readonly string[];
  label?: string | undefined;
}

export interface RemotePrmOptions {
  url: string;
  protocol: PrmProtocol;
  /** The served model's name (`model` of vLLM requests). */
  model?: string | undefined;
  /** Written after every step: the token the PRM scores at (Math-Shepherd's " ки\n", Qwen's "<extra_0>"). */
  stepTag: string;
  /** How the query is built from `{prompt}` and `{response}` (the tagged steps). */
  template: string;
  /** Which class probability is "this step is correct" (pooling rows and classifier probs). */
  positiveIndex: number;
  /** Solutions per request. */
  batchSize: number;
  /** Requests in flight at once. */
  concurrency: number;
  apiKey?: string | undefined;
  timeoutMs: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A PRM behind HTTP: one score per step of each solution. */
export class RemotePrm {
  constructor(readonly options: RemotePrmOptions) {}

  /** The text the PRM reads for a solution's first `count` steps, each followed by the step tag. */
  text(solution: PrmSolution, count = solution.steps.length): string {
    const response = solution.steps
      .slice(0, count)
      .map((step) => `${step}${this.options.stepTag}`)
      .join("");
    return this.options.template
      .replace("{prompt}", () => solution.prompt)
      .replace("{response}", () => response);
  }

  /** Each solution's step scores, in order; solutions are sent `batchSize` at a time. */
  async scoreSolutions(solutions: readonly PrmSolution[], signal?: AbortSignal): Promise<number[][]> {
    const out = new Array<number[]>(solutions.length);
    const starts: number[] = [];
    for (let start = 0; start < solutions.length; start += this.options.batchSize) starts.push(start);
    let next = 0;
    const worker = async () => {
      while (next < starts.length) {
        const start = starts[next++] as number;
        const slice = solutions.slice(start, start + this.options.batchSize);
        const scores = await this.request(slice, signal);
        scores.forEach((steps, offset) => {
          out[start + offset] = steps;
        });
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency, starts.length) }, worker));
    return out;
  }

  private async request(solutions: readonly PrmSolution[], signal?: AbortSignal): Promise<number[][]> {
    const { url, apiKey, timeoutMs, protocol, model } = this.options;
    const post = (body: unknown) => postJson({ url, body, apiKey, timeoutMs, signal, what: "PRM" });
    const withModel = (input: string[]) => (model === undefined ? { input } : { model, input });
    switch (protocol) {
      case "openrlhf": {
        const reply = await post({
          query: solutions.map((solution) => this.text(solution)),
          prompts: solutions.map((solution) => solution.prompt),
          labels: solutions.map((solution) => solution.label ?? ""),
        });
        const rewards = isRecord(reply) ? reply.rewards : undefined;
        if (!Array.isArray(rewards) || rewards.length !== solutions.length) {
          throw this.bad(`expected "rewards" to be ${solutions.length} lists of step rewards`, reply);
        }
        return rewards.map((each, index) => this.stepList(each, solutions[index] as PrmSolution, index));
      }
      case "vllm_pooling": {
        const reply = await post(withModel(solutions.map((solution) => this.text(solution))));
        const rows = this.dataRows(reply, solutions.length);
        return rows.map((row, index) => this.stepList(row.data, solutions[index] as PrmSolution, index));
      }
      case "classify": {
        const inputs: string[] = [];
        for (const solution of solutions) {
          for (let count = 1; count <= solution.steps.length; count++)
            inputs.push(this.text(solution, count));
        }
        const rows = this.dataRows(await post(withModel(inputs)), inputs.length);
        let at = 0;
        return solutions.map((solution) =>
          solution.steps.map(() => {
            const row = rows[at] as Record<string, unknown>;
            const value = this.positive(row.probs, at);
            at++;
            return value;
          }),
        );
      }
    }
  }

  /** vLLM's `data` entries, put back in input order by their `index`. */
  private dataRows(reply: unknown, count: number): Record<string, unknown>[] {
    const data = isRecord(reply) ? reply.data : undefined;
    if (!Array.isArray(data) || data.length !== count || !data.every(isRecord)) {
      throw this.bad(`expected "data" to hold ${count} results`, reply);
    }
    const rows = new Array<Record<string, unknown>>(count);
    data.forEach((row, position) => {
      const index = typeof row.index === "number" ? row.index : position;
      rows[index] = row;
    });
    if (rows.some((row) => row === undefined))
      throw this.bad("the results' `index` values do not cover the inputs", reply);
    return rows;
  }

  /** One solution's step scores: numbers, or class-probability rows read at `positiveIndex`. */
  private stepList(value: unknown, solution: PrmSolution, index: number): number[] {
    if (!Array.isArray(value) || value.length !== solution.steps.length) {
      throw this.bad(
        `solution ${index}: expected ${solution.steps.length} step scores (one per step tag), got ${Array.isArray(value) ? value.length : typeof value}`,
        value,
      );
    }
    return value.map((each) =>
      typeof each === "number" ? this.finite(each, index) : this.positive(each, index),
    );
  }

  private positive(row: unknown, index: number): number {
    const value = Array.isArray(row) ? row[this.options.positiveIndex] : undefined;
    if (typeof value !== "number") {
      throw this.bad(
        `result ${index}: expected class probabilities with an entry at ${this.options.positiveIndex}`,
        row,
      );
    }
    return this.finite(value, index);
  }

  private finite(value: number, index: number): number {
    if (!Number.isFinite(value)) throw this.bad(`result ${index}: a step score is not finite`, value);
    return value;
  }

  private bad(message: string, reply: unknown): RewardkitError {
    return new RewardkitError(
      "UPSTREAM_ERROR",
      `PRM ${this.options.url}: ${message}; got ${JSON.stringify(reply)?.slice(0, 160)}`,
    );
  }
}
