import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { repoRoot } from "./cli.js";

/**
 * The real data the tests read: `../shared/data` beside the repository (or $REWARDKIT_SHARED_DATA).
 * It is never copied into the repository. On a fresh clone without it, data tests skip with a
 * notice; under CI (`REWARDKIT_REQUIRE_SHARED_DATA=1`, set by .ci/run) its absence is a failure.
 */
export const sharedDataDir = process.env.REWARDKIT_SHARED_DATA ?? resolve(repoRoot, "../shared/data");

export function sharedDataPath(...parts: string[]): string {
  return resolve(sharedDataDir, ...parts);
}

/** True when the data file exists; otherwise prints why the test skips, or throws under CI. */
export function hasSharedData(...parts: string[]): boolean {
  const path = sharedDataPath(...parts);
  if (existsSync(path)) return true;
  if (process.env.REWARDKIT_REQUIRE_SHARED_DATA === "1") {
    throw new Error(`shared data missing: ${path} (REWARDKIT_REQUIRE_SHARED_DATA=1, so this is a failure)`);
  }
  console.warn(
    `[rewardkit tests] skipping: ${path} is not here (the shared data folder ${sharedDataDir} is absent)`,
  );
  return false;
}

/**
 * The rows of a shared JSONL file, or none when it is absent (vitest still runs a skipped describe's
 * body to collect its tests).
 */
export function readSharedJsonl<T>(...parts: string[]): T[] {
  const path = sharedDataPath(...parts);
  if (!existsSync(path)) return [];
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as T);
}
