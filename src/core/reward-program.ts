import { RewardkitError } from "./errors.js";
import type { ProgramLimits, ProgramRunner } from "./program-runner.js";

/**
 * Auto MC-Reward's generated reward programs (Li et al., CVPR 2024), in core because two rooms use
 * them: the judges room's design loop writes them, the sandbox room's `reward_program` node runs them.
 *
 * Auto MC-Reward's combination of the generated parts (Li et al., CVPR 2024, Figure 1):
 * reward = sgn(sparse) · 1 + sgn(dense) · 0.1.
 */
export function combineMcReward(parts: { sparse: number; dense: number }): number {
  return Math.sign(parts.sparse) * 1 + Math.sign(parts.dense) * 0.1;
}

/**
 * The driver around generated code: it must define `dense(observation)` and `sparse(observation)`;
 * the driver reads a JSON array of observations on stdin and prints one JSON array of
 * `{dense, sparse}`. The generated code never sees our process: it runs wherever the runner puts it.
 */
export function wrapRewardSource(source: string): string {
  return `${source}

;(async () => {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const observations = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  // JSON would print NaN and Infinity as null (0 on reading): send them as text so they are caught.
  const encode = (value) => (Number.isFinite(value) ? value : String(value));
  const out = observations.map((observation) => ({
    dense: encode(Number(dense(observation))),
    sparse: encode(Number(sparse(observation))),
  }));
  process.stdout.write(JSON.stringify(out));
})().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error));
  process.exit(1);
});
`;
}

export interface RewardParts {
  dense: number;
  sparse: number;
  reward: number;
}

/** A generated reward function, run by a ProgramRunner (the sandbox) on batches of observations. */
export class RewardProgram {
  constructor(
    readonly source: string,
    readonly runner: ProgramRunner,
    readonly limits: Partial<ProgramLimits> = { wallMs: 10_000, cpuMs: 5_000, memoryMb: 256 },
  ) {}

  /** The reward parts for each observation; a crash, a limit or a non-finite part is an error. */
  async score(observations: readonly unknown[], signal?: AbortSignal): Promise<RewardParts[]> {
    const outcome = await this.runner.run({
      language: "javascript",
      source: wrapRewardSource(this.source),
      stdin: JSON.stringify(observations),
      limits: this.limits,
      ...(signal ? { signal } : {}),
    });
    if (outcome.limit)
      throw new RewardkitError("LIMIT_EXCEEDED", `the reward function hit the ${outcome.limit} limit`);
    if (outcome.exitCode !== 0) {
      throw new RewardkitError(
        "NODE_FAILED",
        `the reward function failed (exit ${outcome.exitCode ?? outcome.signal}): ${outcome.stderr.slice(0, 1000)}`,
      );
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(outcome.stdout);
    } catch {
      throw new RewardkitError(
        "PARSE_FAILED",
        `the reward function printed something else than JSON: ${outcome.stdout.slice(0, 200)}`,
      );
    }
    if (!Array.isArray(parsed) || parsed.length !== observations.length) {
      throw new RewardkitError(
        "PARSE_FAILED",
        `expected ${observations.length} results from the reward function`,
      );
    }
    return parsed.map((entry: { dense?: unknown; sparse?: unknown }, index) => {
      const dense = Number(entry.dense);
      const sparse = Number(entry.sparse);
      if (!Number.isFinite(dense) || !Number.isFinite(sparse)) {
        throw new RewardkitError(
          "NON_FINITE",
          `observation ${index}: dense=${String(entry.dense)}, sparse=${String(entry.sparse)}`,
        );
      }
      return { dense, sparse, reward: combineMcReward({ dense, sparse }) };
    });
  }
}
