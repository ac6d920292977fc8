import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { cliPath, repoRoot } from "./cli.js";
import { serviceAvailable } from "./services.js";

/** Where browser tests keep their screenshots (gitignored). */
export const artifactDir = join(repoRoot, "test-artifacts");

/**
 * Debian's chromium (scripts/setup.sh installs it): $REWARDKIT_CHROMIUM, `chromium` on PATH, or
 * /usr/bin/chromium; undefined when none runs.
 */
export function findChromium(): string | undefined {
  const candidates = [process.env.REWARDKIT_CHROMIUM, "chromium", "/usr/bin/chromium"].filter(
    (candidate): candidate is string => candidate !== undefined && candidate !== "",
  );
  for (const candidate of candidates) {
    // Playwright wants a path: a bare name is looked up on PATH.
    const path = candidate.includes("/")
      ? candidate
      : spawnSync("sh", ["-c", 'command -v "$0"', candidate], { encoding: "utf8" }).stdout.trim();
    if (path !== "" && existsSync(path) && spawnSync(path, ["--version"], { timeout: 20_000 }).status === 0)
      return path;
  }
  return undefined;
}

/** Chromium's path when it is here; skips with a notice, or fails under REWARDKIT_REQUIRE_SERVICES=1. */
export function chromiumForTests(): string | undefined {
  const path = findChromium();
  return serviceAvailable({
    available: path !== undefined,
    what: "chromium (Debian's, for the inspector's browser tests)",
    install: "sh scripts/setup.sh, or apt-get install chromium",
  })
    ? path
    : undefined;
}

export async function screenshotPath(name: string): Promise<string> {
  await mkdir(artifactDir, { recursive: true });
  return join(artifactDir, name);
}

export interface RunningCli {
  child: ChildProcess;
  /** The first stdout line (inspect prints its URL there). */
  firstLine: string;
  stderr: () => string;
  stop(): Promise<number | null>;
}

/** Starts `rewardkit ARGS` (built: bin/rewardkit.js runs dist/) and waits for a line `ready` accepts. */
export function startCli(
  args: readonly string[],
  options: { ready?: (line: string) => boolean; stream?: "stdout" | "stderr" } = {},
): Promise<RunningCli> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
    const lines = createInterface({ input: options.stream === "stderr" ? child.stderr : child.stdout });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`rewardkit ${args.join(" ")} did not start: ${stderr}`));
    }, 60_000);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`rewardkit ${args.join(" ")} exited ${code}: ${stderr}`));
    });
    lines.on("line", (line) => {
      if (options.ready && !options.ready(line)) return;
      clearTimeout(timer);
      lines.close();
      resolve({
        child,
        firstLine: line,
        stderr: () => stderr,
        async stop() {
          if (child.exitCode === null) child.kill("SIGTERM");
          return exited;
        },
      });
    });
  });
}
