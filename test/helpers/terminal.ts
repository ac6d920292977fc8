import { spawn } from "node:child_process";
import { cliPath, repoRoot } from "./cli.js";

const quote = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`;

/**
 * Runs the built `rewardkit` on a real pseudo-terminal (util-linux `script`), as a user at a
 * terminal runs it: stdout and stderr are TTYs. Returns what the terminal received (both streams).
 */
export function runCliOnTerminal(args: readonly string[]): Promise<{ code: number | null; output: string }> {
  const command = [process.execPath, cliPath, ...args].map(quote).join(" ");
  return new Promise((resolve, reject) => {
    const child = spawn("script", ["-qfec", command, "/dev/null"], {
      cwd: repoRoot,
      env: { ...process.env, COLUMNS: "160", TERM: "xterm" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}
