import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { EstimatorRegistry } from "../../src/core/index.js";
import { loadSpec } from "../../src/engine/index.js";
import { createRewardServer, type RewardServer, type RewardServerOptions } from "../../src/serve/index.js";
import { cliPath, repoRoot } from "./cli.js";

export interface RunningServer {
  url: string;
  server: RewardServer;
  close(): Promise<void>;
}

/** Starts the reward server in this process on a free port of 127.0.0.1 (a real socket). */
export async function startServer(
  spec: unknown,
  options: Omit<RewardServerOptions, "loaded"> & { baseDir?: string; estimators?: EstimatorRegistry } = {},
): Promise<RunningServer> {
  const { baseDir, estimators, ...serverOptions } = options;
  const loaded = await loadSpec(spec, {
    ...(baseDir ? { baseDir } : {}),
    ...(estimators ? { estimators } : {}),
  });
  const server = await createRewardServer({ ...serverOptions, loaded });
  const url = await server.listen({ host: "127.0.0.1", port: 0 });
  return {
    url,
    server,
    close: async () => {
      await server.close({ timeoutMs: 2000 });
    },
  };
}

export interface Reply<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** POSTs JSON (or raw text) and reads the reply as JSON when it is JSON. */
export async function post<T = Record<string, unknown>>(
  url: string,
  body: unknown,
  options: { headers?: Record<string, string>; raw?: boolean; signal?: AbortSignal } = {},
): Promise<Reply<T>> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...options.headers },
    body: options.raw ? (body as string) : JSON.stringify(body),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return read<T>(response);
}

export async function get<T = Record<string, unknown>>(url: string): Promise<Reply<T>> {
  return read<T>(await fetch(url));
}

async function read<T>(response: Response): Promise<Reply<T>> {
  const text = await response.text();
  let body: unknown = text;
  if ((response.headers.get("content-type") ?? "").includes("json")) body = JSON.parse(text);
  return { status: response.status, headers: response.headers, body: body as T, text };
}

/** A folder with reward modules written for a test. */
export async function moduleFolder(files: Record<string, string>): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), "rewardkit-serve-"));
  for (const [name, text] of Object.entries(files)) await writeFile(join(folder, name), text);
  return folder;
}

/** A reward module that counts the samples a run has seen, in per-run state: each sample's reward is the count after its batch. */
export const counterRewardModule = `
export default {
  async score(batch, context) {
    const seen = await context.state.update("seen", (previous) => (previous ?? 0) + batch.length);
    return batch.map(() => seen);
  },
};
`;

/** A reward module that takes `options.ms` per sample, stops early when aborted, and records aborts. */
export const slowRewardModule = `
import { appendFileSync } from "node:fs";
export default async function slow(sample, context, options) {
  await new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, options.ms);
    context.signal.addEventListener("abort", () => {
      clearTimeout(timer);
      if (options.log) appendFileSync(options.log, "aborted\\n");
      reject(new Error("aborted"));
    }, { once: true });
  });
  return 1;
}
`;

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Every log line printed so far (pino JSON). */
  logs: Record<string, unknown>[];
  /** Every other stdout line so far (V8's traces, when `nodeArgs` asked for one). */
  otherLines: string[];
  exited: Promise<number | null>;
  stderr(): string;
}

/** Runs `rewardkit serve` as a subprocess (with `nodeArgs` for node itself) and waits for its "listening" log line. */
export function spawnServer(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
  nodeArgs: readonly string[] = [],
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...nodeArgs, cliPath, "serve", ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: Record<string, unknown>[] = [];
  const otherLines: string[] = [];
  let stderr = "";
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on("line", (line) => {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        otherLines.push(line);
        return;
      }
      logs.push(entry);
      if (entry.msg === "listening") {
        resolve({ child, url: entry.url as string, logs, otherLines, exited, stderr: () => stderr });
      }
    });
    void exited.then((code) =>
      reject(new Error(`rewardkit serve exited with ${code} before listening: ${stderr}`)),
    );
  });
}

/**
 * One HTTP request on a connection of its own (no keep-alive agent), so a cluster's round-robin
 * hands successive calls to different workers.
 */
export function callOnNewConnection(
  url: string,
  method: "GET" | "POST",
  body?: unknown,
  options: { timeoutMs?: number; headers?: Record<string, string> } = {},
): Promise<{ status: number; text: string; json: () => Record<string, unknown> }> {
  const { timeoutMs = 10_000, headers = {} } = options;
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const outgoing = request(
      url,
      {
        method,
        agent: false,
        headers: payload
          ? { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(payload) }
          : headers,
      },
      (incoming) => {
        let text = "";
        incoming.setEncoding("utf8").on("data", (chunk: string) => {
          text += chunk;
        });
        incoming.on("end", () =>
          resolve({
            status: incoming.statusCode ?? 0,
            text,
            json: () => JSON.parse(text) as Record<string, unknown>,
          }),
        );
      },
    );
    outgoing.setTimeout(timeoutMs, () => outgoing.destroy(new Error(`no reply in ${timeoutMs} ms`)));
    outgoing.on("error", reject);
    outgoing.end(payload);
  });
}
