import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "./cli.js";

/**
 * Whether a service or tool the tests need is here. On a developer's machine without it, the tests
 * that need it skip with a notice; under CI (`REWARDKIT_REQUIRE_SERVICES=1`, exported by .ci/run, or
 * `CI=true`) its absence is a failure, so a CI machine that lost Redis or Python cannot pass by
 * skipping.
 */
export function serviceAvailable(options: { available: boolean; what: string; install: string }): boolean {
  if (options.available) return true;
  if (process.env.REWARDKIT_REQUIRE_SERVICES === "1" || process.env.CI === "true") {
    throw new Error(
      `${options.what} is missing (${options.install}); REWARDKIT_REQUIRE_SERVICES=1 or CI=true makes this a failure`,
    );
  }
  console.warn(`[rewardkit tests] skipping: ${options.what} is missing (${options.install})`);
  return false;
}

/** The Python modules the trainer-shaped clients import: aiohttp is what OpenRLHF and verl post with. */
export const pythonModules = ["json", "urllib.request", "asyncio", "aiohttp"] as const;

/**
 * A python3 that imports `pythonModules`: $REWARDKIT_PYTHON, the one on PATH, or Debian's
 * /usr/bin/python3 (which scripts/setup.sh gives python3-aiohttp); undefined when none does.
 */
export function findPython(): string | undefined {
  const candidates = [process.env.REWARDKIT_PYTHON, "python3", "/usr/bin/python3"].filter(
    (candidate): candidate is string => candidate !== undefined && candidate !== "",
  );
  return candidates.find(
    (candidate) => spawnSync(candidate, ["-c", `import ${pythonModules.join(", ")}`]).status === 0,
  );
}

export interface PythonRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a Python script (the shims importable) without blocking this process's event loop. */
export function runPython(
  python: string,
  script: string,
  options: { env?: NodeJS.ProcessEnv; args?: readonly string[] } = {},
): Promise<PythonRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, ["-c", script, ...(options.args ?? [])], {
      env: {
        ...process.env,
        ...options.env,
        PYTHONPATH: [join(repoRoot, "integrations/verl"), join(repoRoot, "integrations/trl")].join(":"),
      },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
