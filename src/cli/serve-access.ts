import { readFileSync } from "node:fs";
import { type Command, Option } from "commander";
import type { AccessControlOptions } from "../serve/access/access-control.js";
import { apiKeysFromEnvironment } from "../serve/access/api-key-list.js";
import type { ClientLimits } from "../serve/access/client-limits.js";
import { keyRedactingLoggerOptions } from "../serve/access/key-scrubber.js";
import type { RewardServerOptions } from "../serve/server.js";

/** The access flags of `rewardkit serve` (docs/security.md). */
export interface AccessFlags {
  apiKeyEnv?: string;
  allowQueryKey?: boolean;
  publicMetrics?: boolean;
  rateLimit?: string;
  rateLimitWindowS: string;
  maxConcurrentPerKey?: string;
  tlsCert?: string;
  tlsKey?: string;
  trustProxy?: string;
  statePasswordEnv?: string;
}

/** What the access flags become: server options, logger options, and what to say at start-up. */
export interface ServeAccess {
  readonly server: Pick<RewardServerOptions, "access" | "limits" | "tls" | "trustProxy">;
  readonly logger: ReturnType<typeof keyRedactingLoggerOptions>;
  /** For the "listening" line: key ids (never keys), whether TLS is on. */
  readonly describe: Record<string, unknown>;
  readonly warnings: string[];
  /** The Redis password (`--state-password-env`), if any. */
  readonly statePassword?: string;
}

const env = (spec: string, description: string, name: string): Option =>
  new Option(spec, description).env(`REWARDKIT_${name}`);

const example = `On a shared network (docs/security.md): keys from the environment, each bound to its team's runs, and HTTPS:
  export REWARDKIT_KEYS="team-a:$(openssl rand -hex 32):team-a/,team-b:$(openssl rand -hex 32):team-b/"
  rewardkit serve --spec spec.yaml --host 0.0.0.0 --port 8443 --api-key-env REWARDKIT_KEYS \\
    --tls-cert cert.pem --tls-key key.pem --rate-limit 6000
  # clients: Authorization: Bearer <key>; the shims read REWARDKIT_API_KEY
`;

/** Adds the access flags (and their example) to the serve command. */
export function addAccessOptions(command: Command): Command {
  return command
    .addHelpText("after", example)
    .addOption(
      env(
        "--api-key-env <name>",
        "require a key on every route but /healthz; the variable NAME holds comma-separated KEY, ID:KEY or ID:KEY:RUN-PREFIX|...",
        "API_KEY_ENV",
      ),
    )
    .addOption(
      env(
        "--allow-query-key",
        "also accept ?key= on POST /get_reward (OpenRLHF sends no header; weaker: URLs reach logs)",
        "ALLOW_QUERY_KEY",
      ),
    )
    .addOption(env("--public-metrics", "serve GET /metrics without a key", "PUBLIC_METRICS"))
    .addOption(
      env(
        "--rate-limit <n>",
        "requests per key (per address without keys) per window; more get 429",
        "RATE_LIMIT",
      ),
    )
    .addOption(
      env("--rate-limit-window-s <s>", "the --rate-limit window", "RATE_LIMIT_WINDOW_S").default("60"),
    )
    .addOption(
      env(
        "--max-concurrent-per-key <n>",
        "requests in flight per key (per address without keys); more get 429",
        "MAX_CONCURRENT_PER_KEY",
      ),
    )
    .addOption(
      env("--tls-cert <file>", "serve HTTPS with this PEM certificate chain (with --tls-key)", "TLS_CERT"),
    )
    .addOption(env("--tls-key <file>", "the PEM private key of --tls-cert", "TLS_KEY"))
    .addOption(
      env(
        "--trust-proxy <value>",
        "client addresses from X-Forwarded-For of these proxies: true, a hop count, or addresses/CIDRs (comma-separated)",
        "TRUST_PROXY",
      ),
    )
    .addOption(
      env(
        "--state-password-env <name>",
        "the Redis password of --state is in this environment variable",
        "STATE_PASSWORD_ENV",
      ),
    );
}

/** Reads the access flags; a bad value throws an Error naming the flag (a usage error). */
export function readAccessFlags(
  flags: AccessFlags,
  environment: NodeJS.ProcessEnv = process.env,
): ServeAccess {
  for (const name of ["ALLOW_QUERY_KEY", "PUBLIC_METRICS"]) checkSwitch(`REWARDKIT_${name}`, environment);
  const describe: Record<string, unknown> = {};
  const warnings: string[] = [];
  let secrets: string[] = [];
  let access: AccessControlOptions | undefined;
  if (flags.apiKeyEnv !== undefined) {
    const parsed = apiKeysFromEnvironment(flags.apiKeyEnv, environment);
    secrets = parsed.secrets;
    access = {
      keys: parsed.keys,
      secrets: parsed.secrets,
      allowQueryKey: flags.allowQueryKey === true,
      publicMetrics: flags.publicMetrics === true,
    };
    describe.api_keys = parsed.keys.map((key) => key.id);
    if (parsed.short.length > 0)
      warnings.push(`keys shorter than 16 characters are easy to guess: ${parsed.short.join(", ")}`);
    if (flags.allowQueryKey)
      warnings.push("--allow-query-key: ?key= on /get_reward is accepted; proxies may log URLs");
  } else if (flags.allowQueryKey || flags.publicMetrics) {
    throw new Error(`--${flags.allowQueryKey ? "allow-query-key" : "public-metrics"} needs --api-key-env`);
  }
  const limits: ClientLimits = {
    ...(flags.rateLimit !== undefined
      ? {
          requestsPerWindow: positiveInteger("rate-limit", flags.rateLimit),
          windowMs: positiveInteger("rate-limit-window-s", flags.rateLimitWindowS) * 1000,
        }
      : {}),
    ...(flags.maxConcurrentPerKey !== undefined
      ? { maxConcurrent: positiveInteger("max-concurrent-per-key", flags.maxConcurrentPerKey) }
      : {}),
  };
  if ((flags.tlsCert === undefined) !== (flags.tlsKey === undefined))
    throw new Error("--tls-cert and --tls-key go together");
  const tls =
    flags.tlsCert !== undefined && flags.tlsKey !== undefined
      ? { cert: readPem("tls-cert", flags.tlsCert), key: readPem("tls-key", flags.tlsKey) }
      : undefined;
  if (tls) describe.tls = true;
  const server: ServeAccess["server"] = {
    ...(access ? { access } : {}),
    ...(Object.keys(limits).length > 0 ? { limits } : {}),
    ...(tls ? { tls } : {}),
    ...(flags.trustProxy !== undefined ? { trustProxy: trustProxyValue(flags.trustProxy) } : {}),
  };
  let statePassword: string | undefined;
  if (flags.statePasswordEnv !== undefined) {
    statePassword = environment[flags.statePasswordEnv];
    if (statePassword === undefined || statePassword === "")
      throw new Error(`--state-password-env: ${flags.statePasswordEnv} is not set or empty`);
    secrets = [...secrets, statePassword];
  }
  return {
    server,
    logger: keyRedactingLoggerOptions(secrets),
    describe,
    warnings,
    ...(statePassword !== undefined ? { statePassword } : {}),
  };
}

/**
 * Commander turns a switch on whenever its variable is set, whatever the value: refuse values that
 * read as "off", so REWARDKIT_PUBLIC_METRICS=false cannot open /metrics by accident.
 */
function checkSwitch(variable: string, environment: NodeJS.ProcessEnv): void {
  const value = environment[variable];
  if (value === undefined || /^(1|true|yes|on)$/i.test(value.trim())) return;
  throw new Error(`${variable}=${value}: set it to 1 or true to turn the switch on, or unset it`);
}

function positiveInteger(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name}: expected an integer ≥ 1, got "${text}"`);
  return value;
}

function readPem(name: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new Error(`--${name}: cannot read ${file}: ${(error as Error).message}`);
  }
}

function trustProxyValue(text: string): boolean | number | string {
  if (text === "true") return true;
  if (text === "false") return false;
  if (/^\d+$/.test(text)) return Number(text);
  return text;
}
