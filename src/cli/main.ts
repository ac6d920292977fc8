import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { exitCodes } from "./exit.js";

type Register = (program: Command) => void;

/**
 * Each command registers itself from its own file. Only the command being run is imported (the
 * server, the lab and the model room each cost start-up time); `--help` and unknown commands
 * import them all so the listing is complete.
 */
const commands: Record<string, () => Promise<Register>> = {
  score: async () => (await import("./score.js")).registerScore,
  serve: async () => (await import("./serve.js")).registerServe,
  advantages: async () => (await import("./advantages.js")).registerAdvantages,
  "train-rm": async () => (await import("./train-rm.js")).registerTrainRm,
  "eval-rm": async () => (await import("./eval-rm.js")).registerEvalRm,
  "eval-prm": async () => (await import("./eval-prm.js")).registerEvalPrm,
  lab: async () => (await import("./lab.js")).registerLab,
  audit: async () => (await import("./audit.js")).registerAudit,
  distance: async () => (await import("./distance.js")).registerDistance,
  select: async () => (await import("./select.js")).registerSelect,
  generate: async () => (await import("./generate.js")).registerGenerate,
  diagnose: async () => (await import("./diagnose.js")).registerDiagnose,
  tamper: async () => (await import("./tamper.js")).registerTamper,
};

/** The installed package's version (package.json sits two folders above dist/cli/). */
export function packageVersion(): string {
  const text = readFileSync(new URL("../../package.json", import.meta.url), "utf8");
  return (JSON.parse(text) as { version: string }).version;
}

/** Builds the `rewardkit` command line with `only` (a command name) or every command. */
export async function buildProgram(only?: string): Promise<Command> {
  const program = new Command("rewardkit")
    .description("Reward engineering for RL and LLM post-training.")
    .version(packageVersion(), "-V, --version", "print the version of rewardkit")
    .addHelpText(
      "after",
      "\nExit codes: 0 done, 1 internal failure, 2 bad usage or spec, 3 nothing usable (score, advantages, audit, select, generate, diagnose, tamper).\nEvery command has --help with an example.\n",
    )
    .showHelpAfterError()
    .exitOverride();
  const names = only !== undefined && only in commands ? [only] : Object.keys(commands);
  for (const name of names) (await (commands[name] as () => Promise<Register>)())(program);
  return program;
}

export async function main(argv: readonly string[] = process.argv): Promise<void> {
  const program = await buildProgram(argv[2]);
  try {
    await program.parseAsync(argv as string[]);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit 0; everything else commander rejects is bad usage.
      process.exitCode = error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
      return;
    }
    throw error;
  }
}
