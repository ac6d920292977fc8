import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import {
  type Context,
  createContext,
  type Logger,
  RewardkitError,
  type StateStore,
} from "../../core/index.js";
import { type LoadedSpec, loadSpecFile } from "../../engine/index.js";
import { gymEnvironment } from "./gym-environment.js";
import type { HostedEnvironment } from "./hosted-environment.js";
import { type OrsEntry, parseEnvFlag, parseOrsConfig } from "./ors-config.js";
import { loadTaskRows, type TaskRow } from "./task-rows.js";
import { toolTasksEnvironment } from "./tool-tasks-environment.js";

/** An entry and the folder its relative paths are read from (the config file's, or the working directory). */
export interface PlacedEntry {
  entry: OrsEntry;
  baseDir: string;
}

/** Reads `--env` flags and `--env-config` files into entries, in the order given (flags first). */
export async function readOrsEntries(options: {
  flags?: readonly string[];
  files?: readonly string[];
}): Promise<PlacedEntry[]> {
  const placed: PlacedEntry[] = (options.flags ?? []).map((flag) => ({
    entry: parseEnvFlag(flag),
    baseDir: process.cwd(),
  }));
  for (const file of options.files ?? []) {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      throw new RewardkitError(
        "BAD_REQUEST",
        `cannot read --env-config ${file}: ${(error as Error).message}`,
        {
          path: file,
        },
      );
    }
    for (const entry of parseOrsConfig(text, file)) placed.push({ entry, baseDir: dirname(resolve(file)) });
  }
  return placed;
}

/** What `buildOrsEnvironments` made: the environments, warnings for the log, and what to release. */
export interface BuiltEnvironments {
  environments: HostedEnvironment[];
  warnings: string[];
  close(): Promise<void>;
}

/**
 * Builds the hosted environments of the entries: compiles their specs, reads their task rows and
 * checks names are unique. Specs score in a context of their own run (`ors/<name>`), so stateful
 * nodes keep per-environment state in the server's state store.
 */
export async function buildOrsEnvironments(
  placed: readonly PlacedEntry[],
  options: { stateStore?: StateStore; logger?: Logger } = {},
): Promise<BuiltEnvironments> {
  const specs: LoadedSpec[] = [];
  const warnings: string[] = [];
  const environments: HostedEnvironment[] = [];
  const close = async () => {
    await Promise.all(specs.map((spec) => spec.close()));
  };
  try {
    for (const { entry, baseDir } of placed) {
      const name = entry.kind === "gym" ? (entry.name ?? entry.environment) : entry.name;
      if (environments.some((environment) => environment.name.toLowerCase() === name.toLowerCase())) {
        throw new RewardkitError(
          "SPEC_INVALID",
          `two environments are named "${name}"; give one a \`name\``,
          {
            path: "name",
          },
        );
      }
      const context = (): Context =>
        createContext({
          runId: `ors/${name}`,
          ...(options.stateStore ? { stateStore: options.stateStore } : {}),
          ...(options.logger ? { logger: options.logger } : {}),
        });
      const specFile = entry.kind === "gym" ? entry.reward?.spec : entry.spec;
      const loaded = specFile ? await loadSpecFile(resolve(baseDir, specFile)) : undefined;
      if (loaded) specs.push(loaded);
      if (entry.kind === "gym") {
        environments.push(gymEnvironment(entry, { ...(loaded ? { reward: loaded.reward } : {}), context }));
        continue;
      }
      const rows = new Map<string, readonly TaskRow[]>();
      const files = typeof entry.tasks === "string" ? { train: entry.tasks } : entry.tasks;
      for (const [split, file] of Object.entries(files)) {
        const read = await loadTaskRows({
          file: resolve(baseDir, file),
          split,
          fields: entry.fields,
          ...(entry.limit !== undefined ? { limit: entry.limit } : {}),
        });
        rows.set(split, read.rows);
        if (read.skipped.length > 0) {
          const first = read.skipped[0] as { line: number; message: string };
          warnings.push(
            `${name}: ${read.skipped.length} row(s) of ${file} skipped (line ${first.line}: ${first.message})`,
          );
        }
      }
      environments.push(
        toolTasksEnvironment(entry, {
          rows,
          reward: (loaded as LoadedSpec).reward,
          context,
        }),
      );
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { environments, warnings, close };
}
