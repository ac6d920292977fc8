import { createHash, timingSafeEqual } from "node:crypto";
import { RewardkitError } from "../../core/index.js";

/** One accepted key: an id for logs (never the key), the key's digest, and the runs it may touch. */
export interface ApiKey {
  /** Shown in logs and errors instead of the key: the entry's `id:` or `key-N` (its position). */
  readonly id: string;
  /** SHA-256 of the key: equal lengths for timingSafeEqual, and the key itself is not kept around. */
  readonly digest: Buffer;
  /** Run-id prefixes the key may use; empty: every run. */
  readonly runPrefixes: readonly string[];
}

/** The keys of one `--api-key-env` variable. */
export interface ParsedApiKeys {
  readonly keys: ApiKey[];
  /** Ids of keys shorter than {@link shortKeyLength} (worth a warning). */
  readonly short: string[];
  /** The keys in clear, for scrubbing logs and error replies; never logged themselves. */
  readonly secrets: string[];
}

/** Keys shorter than this are accepted, with a warning: a guessable key is no access control. */
export const shortKeyLength = 16;

const idPattern = /^[\w.-]{1,64}$/;
/** Characters that need no escaping in JSON and survive headers: the key appears verbatim wherever it leaks. */
const keyPattern = /^[\w.~+/=-]+$/;

/** SHA-256 of a presented or configured key. */
export const keyDigest = (key: string): Buffer => createHash("sha256").update(key, "utf8").digest();

/**
 * Parses the keys of `--api-key-env NAME`: comma-separated entries, each `KEY`, `ID:KEY` or
 * `ID:KEY:RUN-PREFIX[|RUN-PREFIX...]` (a key bound to the runs whose id starts with a prefix; `*`
 * means every run). A key is letters, digits and `. _ ~ + / = -`. Errors name the entry by position, never
 * by its key. Returns the keys, the ids of keys shorter than {@link shortKeyLength}, and the secrets
 * themselves (only to scrub them from logs and replies).
 * @example parseApiKeys("team-a:3f9c...:team-a/,ops:77b1...") // two keys; team-a only on runs team-a/*
 */
export function parseApiKeys(text: string, where = "--api-key-env"): ParsedApiKeys {
  const entries = text
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  if (entries.length === 0) throw usage(where, "the variable holds no key");
  const keys: ApiKey[] = [];
  const short: string[] = [];
  const secrets: string[] = [];
  const ids = new Set<string>();
  entries.forEach((entry, index) => {
    const parts = entry.split(":");
    if (parts.length > 3) throw usage(where, `entry ${index + 1} has more than ID:KEY:RUN-PREFIXES`);
    const [id, key, runs] =
      parts.length === 1 ? [`key-${index + 1}`, parts[0], undefined] : [parts[0], parts[1], parts[2]];
    if (id === undefined || !idPattern.test(id))
      throw usage(where, `entry ${index + 1}: the id must be 1-64 letters, digits, "_", "." or "-"`);
    if (key === undefined || !keyPattern.test(key))
      throw usage(
        where,
        `entry ${index + 1} (${id}): a key is letters, digits and . _ ~ + / = - (as openssl rand -hex or -base64 print)`,
      );
    if (ids.has(id)) throw usage(where, `entry ${index + 1}: the id "${id}" is used twice`);
    ids.add(id);
    const digest = keyDigest(key);
    if (keys.some((known) => timingSafeEqual(known.digest, digest)))
      throw usage(where, `entry ${index + 1} (${id}) repeats the key of an earlier entry`);
    const runPrefixes = runs === undefined ? [] : runs.split("|").map((prefix) => prefix.trim());
    if (runPrefixes.some((prefix) => prefix === ""))
      throw usage(where, `entry ${index + 1} (${id}): an empty run prefix (use * for every run)`);
    keys.push({ id, digest, runPrefixes: runPrefixes.includes("*") ? [] : runPrefixes });
    secrets.push(key);
    if (key.length < shortKeyLength) short.push(id);
  });
  return { keys, short, secrets };
}

/** The keys in environment variable `variable`; a missing or empty variable is a usage error naming it. */
export function apiKeysFromEnvironment(
  variable: string,
  environment: NodeJS.ProcessEnv = process.env,
): ParsedApiKeys {
  const value = environment[variable];
  if (value === undefined) throw usage(`--api-key-env ${variable}`, "the variable is not set");
  return parseApiKeys(value, `--api-key-env ${variable}`);
}

/**
 * The key a presented secret matches, or undefined. Every configured digest is compared (no early
 * exit), in constant time, so the time taken does not say how close a guess came or which key matched.
 */
export function matchApiKey(keys: readonly ApiKey[], presented: string | undefined): ApiKey | undefined {
  if (presented === undefined || presented === "") return undefined;
  const digest = keyDigest(presented);
  let found: ApiKey | undefined;
  for (const key of keys) if (timingSafeEqual(key.digest, digest)) found ??= key;
  return found;
}

/** Whether `key` may act on `run`. */
export function keyAllowsRun(key: ApiKey, run: string): boolean {
  return key.runPrefixes.length === 0 || key.runPrefixes.some((prefix) => run.startsWith(prefix));
}

function usage(where: string, message: string): RewardkitError {
  return new RewardkitError("BAD_REQUEST", `${where}: ${message}`, { path: "--api-key-env" });
}
