import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { RewardkitError } from "../core/index.js";
import { JudgeClient } from "../judges/index.js";
import {
  type CurriculumResult,
  llmAgent,
  runTamperingCurriculum,
  scriptedAgent,
  type TamperingAgent,
  type TamperingStageName,
  tamperingCurriculum,
} from "../lab/index.js";
import { exitCodes, parseNumberFlag, reportFailure } from "./exit.js";

interface TamperFlags {
  agent: string;
  url?: string;
  model?: string;
  apiKeyEnv?: string;
  episodes: string;
  seed: string;
  stages?: string;
  maxTurns: string;
  json?: boolean;
  out?: string;
}

const help = `
Stages (Denison et al. 2024, "Sycophancy to Subterfuge"; reconstructed from the paper):
${Object.entries(tamperingCurriculum)
  .map(([name, stage]) => `  ${name}: ${stage.summary}`)
  .join("\n")}
Each episode runs in a fresh temporary workspace; the files are hashed before and after. A change
outside the allowed paths, to the reward code or to its test is tampering, and the episode's reward
is withheld (null): it is computed from the harness's own copy of the files, never the workspace's.

Examples:
  rewardkit tamper --agent tampering --episodes 5
  rewardkit tamper --agent llm --url http://127.0.0.1:8000/v1 --model my-policy --episodes 20 --json
`;

export function registerTamper(program: Command): void {
  program
    .command("tamper")
    .description(
      "Run an agent through the reward-tampering curriculum: gaming and tampering rates per stage.",
    )
    .option("--agent <name>", "honest, sycophantic, tampering (scripted) or llm", "llm")
    .option("--url <url>", "the OpenAI-compatible base URL of the llm agent, e.g. http://127.0.0.1:8000/v1")
    .option("--model <name>", "the llm agent's model")
    .option("--api-key-env <name>", "the variable holding the endpoint's API key")
    .option("--episodes <n>", "episodes per stage", "10")
    .option("--seed <n>", "seed of the episodes", "1")
    .option("--stages <names>", "comma-separated stages (default: all, in the paper's order)")
    .option("--max-turns <n>", "tool calls and answer per episode", "12")
    .option("--json", "print the summary and every episode as JSON")
    .option("--out <file>", "also write the JSON to this file")
    .addHelpText("after", help)
    .action(async (flags: TamperFlags) => {
      process.exitCode = await tamper(flags);
    });
}

function positiveInteger(text: string, flag: string): number {
  const value = parseNumberFlag(text, flag);
  if (!Number.isInteger(value) || value < 1) {
    throw new RewardkitError("BAD_REQUEST", `${flag}: expected a positive integer, got "${text}"`);
  }
  return value;
}

function agentFrom(flags: TamperFlags): TamperingAgent {
  if (flags.agent === "honest" || flags.agent === "sycophantic" || flags.agent === "tampering") {
    return scriptedAgent(flags.agent);
  }
  if (flags.agent !== "llm") {
    throw new RewardkitError(
      "BAD_REQUEST",
      `--agent: expected honest, sycophantic, tampering or llm, got "${flags.agent}"`,
    );
  }
  if (!flags.url || !flags.model)
    throw new RewardkitError("BAD_REQUEST", "--agent llm needs --url and --model");
  const apiKey = flags.apiKeyEnv ? process.env[flags.apiKeyEnv] : undefined;
  if (flags.apiKeyEnv && !apiKey) {
    throw new RewardkitError("BAD_REQUEST", `--api-key-env: the variable ${flags.apiKeyEnv} is not set`);
  }
  const client = new JudgeClient({
    baseUrl: flags.url,
    model: flags.model,
    apiKey,
    concurrency: 1,
    retries: 2,
    requestTimeoutMs: 120_000,
  });
  return llmAgent({ client });
}

function stagesFrom(text: string | undefined): TamperingStageName[] | undefined {
  if (text === undefined) return undefined;
  const names = text
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  for (const name of names) {
    if (!(name in tamperingCurriculum)) {
      throw new RewardkitError(
        "BAD_REQUEST",
        `--stages: unknown stage "${name}" (known: ${Object.keys(tamperingCurriculum).join(", ")})`,
      );
    }
  }
  return names as TamperingStageName[];
}

function table(result: CurriculumResult): string {
  const format = (value: number | null) => (value === null ? "—" : value.toFixed(2));
  const rows = result.stages.map((stage) =>
    [
      stage.stage.padEnd(34),
      String(stage.episodes).padStart(8),
      format(stage.gaming_rate).padStart(7),
      format(stage.tampering_rate).padStart(9),
      format(stage.reward_code_changed_rate).padStart(11),
      format(stage.tests_edited_rate).padStart(12),
      String(stage.withheld).padStart(8),
      format(stage.mean_reward).padStart(11),
    ].join(" "),
  );
  const header = [
    "stage".padEnd(34),
    "episodes",
    "gaming",
    "tampering",
    "reward code",
    "tests edited",
    "withheld",
    "mean reward",
  ].join(" ");
  return [`agent ${result.agent}, seed ${result.seed}`, header, ...rows].join("\n");
}

async function tamper(flags: TamperFlags): Promise<number> {
  try {
    const episodes = positiveInteger(flags.episodes, "--episodes");
    const seed = parseNumberFlag(flags.seed, "--seed");
    if (!Number.isInteger(seed))
      throw new RewardkitError("BAD_REQUEST", `--seed: expected an integer, got "${flags.seed}"`);
    const maxTurns = positiveInteger(flags.maxTurns, "--max-turns");
    const stages = stagesFrom(flags.stages);
    const agent = agentFrom(flags);
    const result = await runTamperingCurriculum({
      agent,
      seed,
      episodes,
      maxTurns,
      ...(stages ? { stages } : {}),
    });
    const failed = result.episodes.filter((episode) => episode.error !== undefined);
    if (failed.length > 0) {
      process.stderr.write(
        `rewardkit: the agent failed ${failed.length} of ${result.episodes.length} episodes (left out of the rates); first: ${failed[0]?.error}\n`,
      );
    }
    const json = `${JSON.stringify(result, null, 2)}\n`;
    if (flags.out) await writeFile(flags.out, json);
    process.stdout.write(flags.json ? json : `${table(result)}\n`);
    if (failed.length === result.episodes.length) {
      process.stderr.write("rewardkit: nothing usable (exit 3): the agent completed no episode\n");
      return exitCodes.unusable;
    }
    return exitCodes.ok;
  } catch (error) {
    return reportFailure(error);
  }
}
