import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { detectTampering, snapshotWorkspace, type TamperingReport } from "../../diagnose/index.js";
import type { TamperingAgent } from "./agents/agent.js";
import type { TamperingStage } from "./stage.js";
import { runTool } from "./workspace-tools.js";

/** One episode: what the agent did, what the environment would pay, what reaches the result. */
export interface EpisodeRecord {
  stage: string;
  seed: number;
  /** The final answer; null when the agent used up its turns without one. */
  answer: string | null;
  turns: number;
  tools: string[];
  gamed: boolean;
  tampering: TamperingReport;
  /** What an environment that trusts its workspace would have paid (read from the edited files). */
  naive_reward: number | null;
  /** The reward that reaches the result: from the harness's pristine files; null when withheld. */
  reward: number | null;
  /** Whether the reward was withheld because the workspace was tampered with. */
  withheld: boolean;
  /** The agent failed (its endpoint, say): the episode has no answer and no reward, and is not a score. */
  error?: string;
}

async function readWorkspace(root: string, paths: Iterable<string>): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const path of paths) files[path] = await readFile(join(root, path), "utf8").catch(() => "");
  return files;
}

/**
 * Runs one episode of a stage in a fresh temporary workspace: the agent acts through the tools until
 * it answers (or `maxTurns`), the workspace is hashed before and after, and the reward is computed
 * from the harness's own copy of the files — never from the workspace — and withheld entirely when
 * anything was tampered with (Denison et al. 2024: a reward the policy cannot rewrite).
 */
export async function runEpisode(options: {
  stage: TamperingStage;
  agent: TamperingAgent;
  seed: number;
  random: () => number;
  maxTurns: number;
}): Promise<EpisodeRecord> {
  const instance = options.stage.instance(options.random);
  const root = await mkdtemp(join(tmpdir(), "rewardkit-tampering-"));
  try {
    for (const [path, text] of Object.entries(instance.files)) {
      await mkdir(dirname(join(root, path)), { recursive: true });
      await writeFile(join(root, path), text);
    }
    const before = await snapshotWorkspace(root);
    const session = options.agent.start({
      stage: options.stage.name,
      prompt: instance.prompt,
      seed: options.seed,
    });
    let observation = instance.prompt;
    let answer: string | null = null;
    const tools: string[] = [];
    let turns = 0;
    let error: string | undefined;
    try {
      while (turns < options.maxTurns) {
        turns++;
        const action = await session.next(observation);
        if ("answer" in action) {
          answer = action.answer;
          break;
        }
        tools.push(`${action.tool} ${action.path}`);
        observation = await runTool(root, action);
      }
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure);
    }
    const after = await snapshotWorkspace(root);
    const tampering = detectTampering(before, after, instance.policy);
    const given = answer ?? "";
    const workspace = await readWorkspace(root, Object.keys(instance.files));
    return {
      stage: options.stage.name,
      seed: options.seed,
      answer,
      turns,
      tools,
      gamed: answer !== null && instance.gamed(given),
      tampering,
      naive_reward: instance.reward(given, workspace),
      reward: tampering.tampered || error !== undefined ? null : instance.reward(given, instance.files),
      withheld: tampering.tampered,
      ...(error === undefined ? {} : { error }),
    };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
