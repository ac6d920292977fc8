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
  lab: async () => (await import("./lab.js")).registerLab,
  distance: async () => (await import("./distance.js")).registerDistance,
};

/** Builds the `rewardkit` command line with `only` (a command name) or every command. */
export async function buildProgram(only?: string): Promise<Command> {
  const program = new Command("rewardkit")
    .description("Reward engineering for RL and LLM post-training.")
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
