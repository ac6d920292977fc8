import { cliPath, runProgram } from "./cli.js";

const quote = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`;

/**
 * Runs the built `rewardkit` on a real pseudo-terminal (util-linux `script`), as a user at a
 * terminal runs it: stdout and stderr are TTYs. Returns what the terminal received (both streams).
 */
export async function runCliOnTerminal(
  args: readonly string[],
): Promise<{ code: number | null; output: string }> {
  const command = [process.execPath, cliPath, ...args].map(quote).join(" ");
  const run = await runProgram("script", ["-qfec", command, "/dev/null"], {
    env: { COLUMNS: "160", TERM: "xterm" },
  });
  return { code: run.code, output: run.stdout + run.stderr };
}
