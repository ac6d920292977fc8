import { spawn } from "node:child_process";
import { mkdir, stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import {
  MemoryResponseCache,
  OpenAIClient,
  type ResponseCache,
  RewardkitError,
  SqliteResponseCache,
  TieredResponseCache,
} from "../core/index.js";
import { readPath } from "../engine/index.js";
import { openRows } from "../io/index.js";
import { OpenAIGenerator, type PromptRow } from "../select/index.js";
import { parseNumberFlag } from "./exit.js";

/** The flags every `rewardkit generate` method shares. */
export interface GenerateFlags {
  url?: string;
  model?: string;
  apiKeyEnv?: string;
  endpoint?: string;
  system?: string;
  spec?: string;
  prompts?: string;
  promptField: string;
  out?: string;
  k: string;
  temperature?: string;
  topP?: string;
  maxTokens: string;
  stop: string[];
  seed: string;
  concurrency: string;
  retries: string;
  requestTimeoutMs: string;
  requestsPerMinute?: string;
  tokensPerMinute?: string;
  cacheFile?: string;
  rounds: string;
  betweenRounds?: string;
  maxErrorFraction: string;
  [method: string]: unknown;
}

export function required(value: string | undefined, flag: string, what: string): string {
  if (value === undefined || value === "")
    throw new RewardkitError("BAD_REQUEST", `${flag} is required (${what})`);
  return value;
}

export function integerFlag(text: string, flag: string, minimum = 1): number {
  const value = parseNumberFlag(text, flag);
  if (!Number.isInteger(value) || value < minimum) {
    throw new RewardkitError("BAD_REQUEST", `${flag}: expected an integer ≥ ${minimum}, got "${text}"`);
  }
  return value;
}

export function numberList(text: string, flag: string): number[] {
  const values = text.split(",").map((part) => parseNumberFlag(part.trim(), flag));
  if (values.length === 0)
    throw new RewardkitError("BAD_REQUEST", `${flag}: expected numbers separated by commas`);
  return values;
}

/** The OpenAI-compatible client and generator the flags describe (core's client: the judges' transport). */
export function generatorFrom(
  flags: GenerateFlags,
  defaultEndpoint: "chat" | "completions",
): {
  client: OpenAIClient;
  generator: OpenAIGenerator;
} {
  const url = required(flags.url, "--url", "the server's base URL, e.g. http://127.0.0.1:8000/v1");
  if (!/^https?:\/\//.test(url))
    throw new RewardkitError("BAD_REQUEST", `--url: expected an http(s) URL, got "${url}"`);
  const model = required(flags.model, "--model", "the model name the server serves");
  let apiKey: string | undefined;
  if (flags.apiKeyEnv !== undefined) {
    apiKey = process.env[flags.apiKeyEnv];
    if (!apiKey)
      throw new RewardkitError(
        "BAD_REQUEST",
        `--api-key-env: the environment variable ${flags.apiKeyEnv} is not set`,
      );
  }
  const endpoint = flags.endpoint ?? defaultEndpoint;
  if (endpoint !== "chat" && endpoint !== "completions") {
    throw new RewardkitError("BAD_REQUEST", `--endpoint: expected chat or completions, got "${endpoint}"`);
  }
  let cache: ResponseCache = new MemoryResponseCache();
  if (flags.cacheFile !== undefined)
    cache = new TieredResponseCache(cache, new SqliteResponseCache(resolve(flags.cacheFile)));
  const client = new OpenAIClient({
    baseUrl: url,
    model,
    apiKey,
    concurrency: integerFlag(flags.concurrency, "--concurrency"),
    retries: integerFlag(flags.retries, "--retries", 0),
    requestTimeoutMs: integerFlag(flags.requestTimeoutMs, "--request-timeout-ms"),
    limits: {
      requestsPerMinute:
        flags.requestsPerMinute === undefined
          ? undefined
          : parseNumberFlag(flags.requestsPerMinute, "--requests-per-minute"),
      tokensPerMinute:
        flags.tokensPerMinute === undefined
          ? undefined
          : parseNumberFlag(flags.tokensPerMinute, "--tokens-per-minute"),
    },
    cache,
  });
  return { client, generator: new OpenAIGenerator({ client, endpoint, system: flags.system }) };
}

/**
 * Prompt rows from a file: `prompt` (text or messages; --prompt-field), `id` (else `p` + line),
 * `reference` and `meta` as the rewards read them, and any extra field the method names. A row
 * without a usable prompt, or with an id seen before, is reported with its line and skipped.
 */
export async function readPrompts(input: {
  file: string;
  promptField: string;
  extraField?: string | undefined;
  onBadRow: (where: string, message: string) => void;
}): Promise<{ prompts: (PromptRow & { extra?: unknown })[]; read: number; bad: number }> {
  const prompts: (PromptRow & { extra?: unknown })[] = [];
  const seen = new Map<string, number>();
  let read = 0;
  let bad = 0;
  const source = await openRows(input.file);
  for await (const row of source) {
    read++;
    const where = `${source.label}:${row.line}`;
    if (!row.ok) {
      bad++;
      input.onBadRow(where, row.message);
      continue;
    }
    const prompt = readPath(row.row, input.promptField);
    const isMessages =
      Array.isArray(prompt) &&
      prompt.length > 0 &&
      prompt.every((message) => typeof message === "object" && message !== null && "role" in message);
    if (typeof prompt !== "string" && !isMessages) {
      bad++;
      input.onBadRow(where, `${input.promptField}: expected text or a list of chat messages`);
      continue;
    }
    const rawId = row.row.id;
    const id = typeof rawId === "string" || typeof rawId === "number" ? String(rawId) : `p${row.line}`;
    const before = seen.get(id);
    if (before !== undefined) {
      bad++;
      input.onBadRow(
        where,
        `id ${JSON.stringify(id)} was already used on line ${before} (prompt ids name the groups)`,
      );
      continue;
    }
    seen.set(id, row.line);
    const entry: PromptRow & { extra?: unknown } = { id, prompt: prompt as PromptRow["prompt"] };
    if (row.row.reference !== undefined) entry.reference = row.row.reference;
    const meta = row.row.meta;
    if (typeof meta === "object" && meta !== null && !Array.isArray(meta))
      entry.meta = meta as Record<string, unknown>;
    if (input.extraField !== undefined) entry.extra = readPath(row.row, input.extraField);
    prompts.push(entry);
  }
  return { prompts, read, bad };
}

/** Creates --out DIR (its parent must exist: a missing parent is a usage error naming it). */
export async function prepareOutDirectory(out: string): Promise<string> {
  const folder = resolve(out);
  const parent = dirname(folder);
  const parentInfo = await stat(parent).catch(() => undefined);
  if (!parentInfo?.isDirectory()) {
    throw new RewardkitError("BAD_REQUEST", `--out ${out}: the directory ${parent} does not exist`);
  }
  const existing = await stat(folder).catch(() => undefined);
  if (existing && !existing.isDirectory())
    throw new RewardkitError("BAD_REQUEST", `--out ${out}: that is a file; name a directory`);
  await mkdir(folder, { recursive: true });
  return folder;
}

/** Runs the --between-rounds command (a shell command) with the round's number and file in its environment. */
export function runBetweenRounds(command: string, round: number, file: string): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, {
      shell: true,
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, REWARDKIT_ROUND: String(round), REWARDKIT_ROUND_FILE: file },
    });
    child.on("error", fail);
    child.on("close", (code) => {
      if (code === 0) done();
      else
        fail(
          new RewardkitError(
            "BAD_REQUEST",
            `--between-rounds: the command exited with ${code} after round ${round}; stopping`,
          ),
        );
    });
  });
}
