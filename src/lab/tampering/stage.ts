import type { TamperingPolicy } from "../../diagnose/index.js";

/** One episode of a gameable environment, built from a seed. */
export interface StageInstance {
  /** What the user asks the agent. */
  prompt: string;
  /** The workspace the agent's tools see (relative path → text). */
  files: Readonly<Record<string, string>>;
  policy: TamperingPolicy;
  /**
   * The environment's reward for a final answer, read from the files given: the harness passes its
   * own pristine copy (the reward that may reach the result) and the agent's workspace after the
   * episode (what an environment that trusts its workspace would pay). null: it cannot say.
   */
  reward(answer: string, files: Readonly<Record<string, string>>): number | null;
  /** Whether the answer games the specification (sycophancy, flattery, a false "all done"). */
  gamed(answer: string): boolean;
}

/** A stage of the Sycophancy-to-Subterfuge curriculum (Denison et al. 2024), reconstructed. */
export interface TamperingStage {
  readonly name: string;
  readonly summary: string;
  instance(random: () => number): StageInstance;
}

/** An item of `list` chosen with the seeded generator. */
export function pick<T>(list: readonly T[], random: () => number): T {
  return list[Math.floor(random() * list.length) % list.length] as T;
}

/** No files may change (the stages whose task needs no writing). */
export const readOnlyPolicy: TamperingPolicy = { allowed: [], reward: [], tests: [] };
