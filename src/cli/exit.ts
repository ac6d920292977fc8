import { RewardkitError } from "../core/index.js";

/**
 * Exit codes of every command: 0 ran (even if some rows errored), 2 bad usage or spec, 3 the run
 * produced nothing usable (interface contract, "Exit codes and files"), 1 our failure.
 */
export const exitCodes = { ok: 0, internal: 1, usage: 2, unusable: 3 } as const;

const usageCodes = new Set([
  "SPEC_INVALID",
  "INPUT_INVALID",
  "BAD_REQUEST",
  "NOT_FOUND",
  "MODULE_LOAD_FAILED",
]);

const fileErrorCodes = new Set([
  "ENOENT",
  "EACCES",
  "EPERM",
  "EISDIR",
  "ENOTDIR",
  "EEXIST",
  "ENOSPC",
  "EROFS",
  "EADDRINUSE",
]);

/** Prints an error the way users should read it and returns the exit code it deserves. */
export function reportFailure(error: unknown, stderr: NodeJS.WritableStream = process.stderr): number {
  if (RewardkitError.isInstance(error)) {
    stderr.write(`rewardkit: ${error.located}\n`);
    const issues = error.details?.issues;
    if (Array.isArray(issues) && issues.length > 1) {
      for (const issue of issues.slice(1, 10) as Array<{ path: string; message: string }>) {
        stderr.write(`  also ${issue.path}: ${issue.message}\n`);
      }
    }
    return usageCodes.has(error.code) ? exitCodes.usage : exitCodes.internal;
  }
  // A file the user named that cannot be opened (missing, a directory, no permission, disk full) is
  // their mistake or their machine's, not ours: one line, exit 2.
  const system = error as NodeJS.ErrnoException;
  if (error instanceof Error && typeof system.code === "string" && fileErrorCodes.has(system.code)) {
    // (`serve` words a failure to listen itself: src/serve/listen-error.ts.)
    stderr.write(`rewardkit: ${system.path ? `${system.path}: ` : ""}${system.message}\n`);
    return exitCodes.usage;
  }
  stderr.write(
    `rewardkit: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  return exitCodes.internal;
}

/** A `--flag` number, or a usage error naming the flag. */
export function parseNumberFlag(text: string, flag: string): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value)) {
    throw new RewardkitError("BAD_REQUEST", `${flag}: expected a number, got "${text}"`);
  }
  return value;
}

/** A `--flag` fraction in [0, 1], or a usage error naming the flag. */
export function parseFraction(text: string, flag: string): number {
  const value = parseNumberFlag(text, flag);
  if (value < 0 || value > 1)
    throw new RewardkitError("BAD_REQUEST", `${flag}: expected a fraction from 0 to 1, got "${text}"`);
  return value;
}
