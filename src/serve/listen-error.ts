import { RewardkitError } from "../core/index.js";

const reasons: Record<string, string> = {
  EADDRINUSE:
    "the address is already in use (another process listens there); choose another --port, or --port 0 for a free one",
  EACCES: "permission denied (ports below 1024 need root); choose a port above 1023",
  EADDRNOTAVAIL: "this machine has no such address; use 127.0.0.1, 0.0.0.0 or one of its own addresses",
  ENOTFOUND: "the host name does not resolve; use 127.0.0.1, 0.0.0.0 or one of this machine's addresses",
};

/**
 * A failure to listen as the one line users should read (`rewardkit serve` exits 2 with it): the
 * address and what to do, not a stack trace. Other failures pass through unchanged.
 */
export function listenError(error: unknown, address: { host: string; port: number }): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  const reason = typeof code === "string" ? reasons[code] : undefined;
  if (!reason) return error;
  const where = address.host.includes(":")
    ? `[${address.host}]:${address.port}`
    : `${address.host}:${address.port}`;
  return new RewardkitError("BAD_REQUEST", `cannot listen on ${where}: ${reason}`, { cause: error });
}
