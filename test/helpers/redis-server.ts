import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createConnection, createServer } from "node:net";
import { serviceAvailable } from "./services.js";

export const hasRedisServer = (): boolean =>
  serviceAvailable({
    available: spawnSync("redis-server", ["--version"]).status === 0,
    what: "redis-server",
    install: "sh scripts/setup.sh installs Debian's redis-server",
  });

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/**
 * A throwaway redis-server on a free port of 127.0.0.1, without persistence, with extra arguments
 * (`--requirepass`, `--tls-port`, ...); resolves once its port accepts connections.
 */
export async function startRedisServer(
  extra: (port: number) => string[],
): Promise<{ port: number; process: ChildProcess; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(
    "redis-server",
    ["--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--port", String(port), ...extra(port)],
    { stdio: "ignore" },
  );
  for (let attempt = 0; ; attempt++) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: "127.0.0.1", port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
    });
    if (open) break;
    if (attempt > 100) throw new Error(`redis-server did not open port ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    port,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGKILL");
      }),
  };
}
