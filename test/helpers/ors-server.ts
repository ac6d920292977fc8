import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadSpec } from "../../src/engine/index.js";
import {
  type ApiKeyOptions,
  buildOrsEnvironments,
  createOrsServer,
  createRewardServer,
  type OrsSettings,
  type RewardServer,
  readOrsEntries,
} from "../../src/serve/index.js";

export interface RunningOrsServer {
  url: string;
  server: RewardServer;
  close(): Promise<void>;
}

/**
 * Starts a server hosting environments over ORS on a free port of 127.0.0.1 (a real socket):
 * `--env` flags and/or an `--env-config` file's text, alone or beside a reward spec.
 */
export async function startOrsServer(options: {
  flags?: string[];
  config?: Record<string, unknown>;
  settings?: Partial<OrsSettings>;
  apiKeys?: ApiKeyOptions;
  spec?: unknown;
}): Promise<RunningOrsServer> {
  const files: string[] = [];
  if (options.config) {
    const folder = await mkdtemp(join(tmpdir(), "rewardkit-ors-"));
    const file = join(folder, "environments.json");
    await writeFile(file, JSON.stringify(options.config));
    files.push(file);
  }
  const built = await buildOrsEnvironments(await readOrsEntries({ flags: options.flags ?? [], files }));
  const ors = {
    environments: built.environments,
    ...(options.settings ? { settings: options.settings } : {}),
    close: built.close,
  };
  const apiKeys = options.apiKeys ? { apiKeys: options.apiKeys } : {};
  const server =
    options.spec === undefined
      ? await createOrsServer({ ors, ...apiKeys })
      : await createRewardServer({ loaded: await loadSpec(options.spec), ors, ...apiKeys });
  const url = await server.listen({ host: "127.0.0.1", port: 0 });
  return { url, server, close: async () => void (await server.close({ timeoutMs: 2000 })) };
}

/** Writes files into a fresh temporary folder; returns the folder. */
export async function tempFolder(files: Record<string, string>): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), "rewardkit-ors-"));
  for (const [name, text] of Object.entries(files)) await writeFile(join(folder, name), text);
  return folder;
}
