import { type ProgramLimits, type ProgramRunner, RewardkitError, RewardProgram } from "../../core/index.js";
import type { JudgeClient } from "../client/judge-client.js";
import { emptyUsage, type UsageTotals } from "../client/usage.js";
import { fillTemplate } from "../template.js";
import * as prompts from "./prompts.js";
import { extractJavaScript } from "./reward-program.js";

/** An LLM in one of the loop's roles. */
export interface LoopRole {
  client: JudgeClient;
  system?: string;
  temperature?: number;
  maxTokens?: number;
}

/** What the caller's training or evaluation run reports about a reward function. */
export interface Evaluation {
  /** Fraction of episodes that reached the goal. */
  successRate: number;
  /** Short summaries of (failed) episodes: cause of death, where the agent got stuck, statistics. */
  trajectories: string[];
}

export interface AutoMcRewardOptions {
  designer: LoopRole;
  /** Reviews each program (default: the designer's client). */
  critic?: LoopRole;
  /** Summarises trajectories (default: the designer's client). */
  analyzer?: LoopRole;
  /** Runs generated programs: the sandbox room's ProgramRunner. */
  runner: ProgramRunner;
  limits?: Partial<ProgramLimits>;
  task: string;
  /** What an observation holds, in words or as a JSON example. */
  observationSpec: string;
  /** Observations each program is tried on before the critic reads it. */
  sampleObservations: readonly unknown[];
  /** Trains or evaluates an agent with the program; the loop never trains anything itself. */
  evaluate: (program: RewardProgram, iteration: number) => Promise<Evaluation>;
  /** Designer → critic → evaluate → analyzer rounds at most (default 3). */
  iterations?: number;
  /** Rewrites the critic may ask for per round (default 3). */
  criticRetries?: number;
  /** Stop once the success rate reaches this (default 1). */
  targetSuccessRate?: number;
  signal?: AbortSignal;
}

export interface AutoMcRewardRound {
  iteration: number;
  /** Every program the designer wrote this round, with why it was rejected (undefined: accepted). */
  attempts: Array<{ code: string; rejected?: string }>;
  evaluation?: Evaluation;
  analysis?: string;
}

export interface AutoMcRewardResult {
  /** The best program by success rate (undefined when none passed the critic). */
  program: RewardProgram | undefined;
  successRate: number | undefined;
  rounds: AutoMcRewardRound[];
  usage: UsageTotals;
}

/**
 * Auto MC-Reward (Li et al., CVPR 2024, arXiv 2312.09238): a designer LLM writes a reward function as
 * code; it is run on sample observations by the runner and reviewed by a critic LLM, and rewritten
 * until both pass (bounded); the caller's `evaluate` trains or tests an agent with it; an analyzer
 * LLM summarises the failed trajectories, and the designer revises. Stops at the target success rate.
 */
export async function autoMcReward(options: AutoMcRewardOptions): Promise<AutoMcRewardResult> {
  const signal = options.signal ?? new AbortController().signal;
  const usage = emptyUsage();
  const critic = options.critic ?? options.designer;
  const analyzer = options.analyzer ?? options.designer;
  const rounds: AutoMcRewardRound[] = [];
  let best: { program: RewardProgram; successRate: number } | undefined;
  let previous = "(none yet)";
  let feedback = "(first attempt)";
  let variant = 0;

  const ask = async (role: LoopRole, defaultSystem: string, content: string): Promise<string> => {
    const reply = await role.client.chat(
      {
        messages: [
          { role: "system", content: role.system ?? defaultSystem },
          { role: "user", content },
        ],
        temperature: role.temperature,
        maxTokens: role.maxTokens,
        variant: variant++,
      },
      { signal, meter: usage },
    );
    return reply.text;
  };

  for (let iteration = 0; iteration < (options.iterations ?? 3); iteration++) {
    const round: AutoMcRewardRound = { iteration, attempts: [] };
    rounds.push(round);
    let accepted: RewardProgram | undefined;
    for (let attempt = 0; attempt <= (options.criticRetries ?? 3) && !accepted; attempt++) {
      const design = await ask(
        options.designer,
        prompts.designerSystem,
        fillTemplate(prompts.designTemplate, {
          task: options.task,
          observation_spec: options.observationSpec,
          previous,
          feedback,
        }),
      );
      const code = extractJavaScript(design);
      const program = new RewardProgram(code, options.runner, options.limits);
      const rejected = await review(program, critic, ask, options);
      round.attempts.push(rejected === undefined ? { code } : { code, rejected });
      previous = code;
      if (rejected === undefined) accepted = program;
      else feedback = `The reviewer rejected your last function:\n${rejected}`;
    }
    if (!accepted) break;
    const evaluation = await options.evaluate(accepted, iteration);
    if (!Number.isFinite(evaluation.successRate)) {
      throw new RewardkitError(
        "INPUT_INVALID",
        `evaluate returned a non-finite success rate (${evaluation.successRate})`,
      );
    }
    round.evaluation = evaluation;
    if (!best || evaluation.successRate > best.successRate)
      best = { program: accepted, successRate: evaluation.successRate };
    if (evaluation.successRate >= (options.targetSuccessRate ?? 1)) break;
    const analysis = await ask(
      analyzer,
      prompts.analyzerSystem,
      fillTemplate(prompts.analyzerTemplate, {
        task: options.task,
        code: accepted.source,
        success_rate: evaluation.successRate.toFixed(3),
        trajectories: evaluation.trajectories.join("\n---\n") || "(none reported)",
      }),
    );
    round.analysis = analysis;
    feedback = `Training with your last function reached a success rate of ${evaluation.successRate.toFixed(3)}. Trajectory analysis:\n${analysis}`;
  }
  return { program: best?.program, successRate: best?.successRate, rounds, usage };
}

/** Why a program is rejected: it fails on the sample observations, or the critic fails it. */
async function review(
  program: RewardProgram,
  critic: LoopRole,
  ask: (role: LoopRole, system: string, content: string) => Promise<string>,
  options: AutoMcRewardOptions,
): Promise<string | undefined> {
  let trial: string;
  try {
    const parts = await program.score(options.sampleObservations, options.signal);
    trial = parts
      .map(
        (part, index) =>
          `observation ${index}: dense ${part.dense}, sparse ${part.sparse}, reward ${part.reward}`,
      )
      .join("\n");
  } catch (error) {
    return `Running it on sample observations failed: ${(error as Error).message}`;
  }
  const verdict = await ask(
    critic,
    prompts.criticSystem,
    fillTemplate(prompts.criticTemplate, {
      task: options.task,
      observation_spec: options.observationSpec,
      code: program.source,
      trial,
    }),
  );
  const decided = [...verdict.matchAll(/VERDICT:\s*(PASS|FAIL)/gi)].at(-1)?.[1]?.toUpperCase();
  if (decided === "PASS") return undefined;
  return decided === "FAIL" ? verdict : `The critic gave no VERDICT line: ${verdict}`;
}
