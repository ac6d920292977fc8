import { writeFile } from "node:fs/promises";
import { request as httpsRequest } from "node:https";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli.js";
import { hasRedisServer, startRedisServer } from "./helpers/redis-server.js";
import {
  callOnNewConnection,
  counterRewardModule,
  get,
  moduleFolder,
  post,
  type ServerProcess,
  spawnServer,
} from "./helpers/serve.js";
import { hasOpenssl, selfSignedCertificate } from "./helpers/tls-certificate.js";

const keyA = "cli-a-5c1e0b9f8d7a6e5f4c3b2a1908f7e6d5";
const keyB = "cli-b-0f1e2d3c4b5a69788796a5b4c3d2e1f0";
const keys = `team-a:${keyA}:team-a/,team-b:${keyB}:team-b/`;

async function specFolder(): Promise<string> {
  const folder = await moduleFolder({ "counter.mjs": counterRewardModule });
  await writeFile(
    join(folder, "spec.yaml"),
    "version: 1\nreward: { type: module, name: seen, path: ./counter.mjs }\n",
  );
  return folder;
}

async function stop(server: ServerProcess): Promise<string> {
  server.child.kill("SIGTERM");
  await server.exited;
  return `${server.logs.map((line) => JSON.stringify(line)).join("\n")}\n${server.stderr()}`;
}

/** One HTTPS request trusting only `ca`. */
function httpsCall(
  url: string,
  options: { ca: string; method?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = httpsRequest(
      url,
      { method: options.method ?? "GET", ca: options.ca, headers: options.headers ?? {} },
      (incoming) => {
        let text = "";
        incoming.setEncoding("utf8").on("data", (chunk: string) => {
          text += chunk;
        });
        incoming.on("end", () => resolve({ status: incoming.statusCode ?? 0, text }));
      },
    );
    outgoing.on("error", reject);
    outgoing.end(options.body);
  });
}

describe("rewardkit serve --api-key-env (a subprocess, its whole log captured)", () => {
  it("refuses without a key, scopes keys to runs, and never prints a key, even at trace level", async () => {
    const folder = await specFolder();
    const server = await spawnServer(
      [
        "--spec",
        join(folder, "spec.yaml"),
        "--port",
        "0",
        "--api-key-env",
        "RK_TEST_KEYS",
        "--log-level",
        "trace",
      ],
      { RK_TEST_KEYS: keys },
    );
    let log = "";
    try {
      const body = { samples: [{ completion: "x" }], run: "team-a/cli" };
      expect((await post(`${server.url}/v1/score`, body)).status).toBe(401);
      expect(
        (await post(`${server.url}/v1/score`, body, { headers: { authorization: `Bearer ${keyA}x` } }))
          .status,
      ).toBe(401);
      expect(
        (await post(`${server.url}/v1/score`, body, { headers: { authorization: `Bearer ${keyB}` } })).status,
      ).toBe(403);
      const ok = await post<{ results: { reward: number }[] }>(`${server.url}/v1/score`, body, {
        headers: { authorization: `Bearer ${keyA}` },
      });
      expect(ok.body.results[0]?.reward).toBe(1);
      // Keys in places they do not belong: the query (refused), a bad body, an unknown route.
      const openrlhf = { query: ["x"], prompts: [""], labels: [""] };
      expect((await post(`${server.url}/get_reward?key=${keyA}&run=team-a/cli`, openrlhf)).status).toBe(401);
      // A header whose 400 message quotes its value in full (logged at info): scrubbed in both.
      const quoted = await post(`${server.url}/v1/score`, body, {
        headers: { authorization: `Bearer ${keyA}`, "x-request-timeout-ms": keyB },
      });
      expect(quoted.status).toBe(400);
      expect(quoted.text).toContain("[redacted]");
      expect(quoted.text).not.toContain(keyB);
      expect(
        (await post(`${server.url}/nowhere?key=${keyB}`, {}, { headers: { "x-api-key": keyA } })).status,
      ).toBe(404);
      expect((await get(`${server.url}/healthz`)).status).toBe(200);
      expect((await get(`${server.url}/metrics`)).status).toBe(401);
    } finally {
      log = await stop(server);
    }
    expect(server.logs.find((line) => line.msg === "listening")).toMatchObject({
      api_keys: ["team-a", "team-b"],
    });
    expect(server.logs).toContainEqual(
      expect.objectContaining({ msg: "scoring under a run", key_id: "team-a", run: "team-a/cli", step: 0 }),
    );
    expect(log).not.toContain(keyA);
    expect(log).not.toContain(keyB);
    // The 400 above was logged with its message, the key in it replaced.
    expect(log).toMatch(/expected a positive number of milliseconds, got \\"\[redacted\]\\"/);
  });

  it("names the problem and exits 2 on bad access flags, without printing the keys", async () => {
    const folder = await specFolder();
    const spec = join(folder, "spec.yaml");
    const cases: [string[], NodeJS.ProcessEnv, string][] = [
      [
        ["--api-key-env", "RK_ABSENT_VARIABLE"],
        {},
        "--api-key-env RK_ABSENT_VARIABLE: the variable is not set",
      ],
      [
        ["--api-key-env", "RK_TEST_KEYS"],
        { RK_TEST_KEYS: `a:${keyA},a:${keyB}` },
        'the id "a" is used twice',
      ],
      [["--allow-query-key"], {}, "--allow-query-key needs --api-key-env"],
      [["--tls-cert", spec], {}, "--tls-cert and --tls-key go together"],
      [["--tls-cert", join(folder, "none.pem"), "--tls-key", spec], {}, "--tls-cert: cannot read"],
      [["--rate-limit", "0"], {}, "--rate-limit: expected an integer"],
      [
        ["--api-key-env", "RK_TEST_KEYS"],
        { RK_TEST_KEYS: keys, REWARDKIT_PUBLIC_METRICS: "false" },
        "REWARDKIT_PUBLIC_METRICS=false: set it to 1 or true",
      ],
    ];
    const runs = await Promise.all(
      cases.map(([args, env]) => runCli(["serve", "--spec", spec, "--port", "0", ...args], { env })),
    );
    cases.forEach(([args, , message], index) => {
      const run = runs[index] as Awaited<ReturnType<typeof runCli>>;
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr).toContain(message);
      expect(run.stderr + run.stdout).not.toContain(keyB);
    });
  }, 120_000);

  it("--rate-limit answers 429 with Retry-After per key", async () => {
    const folder = await specFolder();
    const server = await spawnServer(
      [
        "--spec",
        join(folder, "spec.yaml"),
        "--port",
        "0",
        "--api-key-env",
        "RK_TEST_KEYS",
        "--rate-limit",
        "2",
      ],
      { RK_TEST_KEYS: keys },
    );
    try {
      const send = (key: string, run: string) =>
        post(
          `${server.url}/v1/score`,
          { samples: [{ completion: "x" }], run },
          { headers: { authorization: `Bearer ${key}` } },
        );
      expect([(await send(keyA, "team-a/r")).status, (await send(keyA, "team-a/r")).status]).toEqual([
        200, 200,
      ]);
      const limited = await send(keyA, "team-a/r");
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await send(keyB, "team-b/r")).status).toBe(200);
    } finally {
      await stop(server);
    }
  });
});

describe.skipIf(!hasOpenssl())("rewardkit serve --tls-cert/--tls-key", () => {
  it("serves HTTPS with a key; plain HTTP gets no reply", async () => {
    const certificate = await selfSignedCertificate();
    const folder = await specFolder();
    const server = await spawnServer(
      [
        "--spec",
        join(folder, "spec.yaml"),
        "--port",
        "0",
        "--api-key-env",
        "RK_TEST_KEYS",
        "--tls-cert",
        certificate.certFile,
        "--tls-key",
        certificate.keyFile,
      ],
      { RK_TEST_KEYS: keys },
    );
    try {
      expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(server.logs.find((line) => line.msg === "listening")).toMatchObject({ tls: true });
      const body = JSON.stringify({ samples: [{ completion: "x" }], run: "team-a/tls" });
      const health = await httpsCall(`${server.url}/healthz`, { ca: certificate.cert });
      expect(health.status).toBe(200);
      const refused = await httpsCall(`${server.url}/v1/score`, {
        ca: certificate.cert,
        method: "POST",
        body,
      });
      expect(refused.status).toBe(401);
      const scored = await httpsCall(`${server.url}/v1/score`, {
        ca: certificate.cert,
        method: "POST",
        body,
        headers: { authorization: `Bearer ${keyA}`, "content-type": "application/json" },
      });
      expect(scored.status).toBe(200);
      expect(JSON.parse(scored.text)).toMatchObject({ results: [{ reward: 1 }] });
      // The certificate is checked: a client that does not trust it is refused by TLS itself.
      await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
      await expect(fetch(`${server.url.replace("https:", "http:")}/healthz`)).rejects.toThrow();
    } finally {
      await stop(server);
    }
  });
});

describe.skipIf(!hasRedisServer())("Redis with a password and over TLS (real redis-server)", () => {
  it("--state-password-env: connects with the password from the environment, refuses without it, never logs it", async () => {
    const password = "redis-pw-3e4f5a6b7c8d9e0f1a2b";
    const redis = await startRedisServer(() => ["--requirepass", password]);
    const folder = await specFolder();
    const spec = join(folder, "spec.yaml");
    const url = `redis://127.0.0.1:${redis.port}`;
    try {
      const refused = await runCli(["serve", "--spec", spec, "--port", "0", "--state", url]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/cannot reach Redis.*NOAUTH/);
      const both = await runCli(
        [
          "serve",
          "--spec",
          spec,
          "--port",
          "0",
          "--state",
          `redis://:${password}@127.0.0.1:${redis.port}`,
          "--state-password-env",
          "RK_REDIS_PASSWORD",
        ],
        { env: { RK_REDIS_PASSWORD: password } },
      );
      expect(both.code).toBe(2);
      expect(both.stderr + both.stdout).not.toContain(password);

      const server = await spawnServer(
        [
          "--spec",
          spec,
          "--port",
          "0",
          "--state",
          url,
          "--state-password-env",
          "RK_REDIS_PASSWORD",
          "--log-level",
          "debug",
        ],
        { RK_REDIS_PASSWORD: password },
      );
      let log = "";
      try {
        const first = await post<{ results: { reward: number }[] }>(`${server.url}/v1/score`, {
          samples: [{ completion: "x" }],
        });
        expect(first.body.results[0]?.reward).toBe(1);
        expect((await get<{ state: unknown }>(`${server.url}/healthz`)).body.state).toEqual({
          kind: "redis",
          ok: true,
        });
      } finally {
        log = await stop(server);
      }
      expect(log).not.toContain(password);
    } finally {
      await redis.stop();
    }
  });

  it("--rate-limit with --state redis:// and --workers 2: one window for the key across workers", async () => {
    const redis = await startRedisServer(() => []);
    const folder = await specFolder();
    const args = ["--spec", join(folder, "spec.yaml"), "--port", "0", "--api-key-env", "RK_TEST_KEYS"];
    const limited = ["--rate-limit", "2", "--workers", "2"];
    const statuses = async (extra: string[]) => {
      const server = await spawnServer([...args, ...limited, ...extra], { RK_TEST_KEYS: keys });
      try {
        const out: number[] = [];
        // A connection each: the cluster hands them to the workers in turn.
        for (let index = 0; index < 4; index++) {
          const reply = await callOnNewConnection(
            `${server.url}/v1/score`,
            "POST",
            { samples: [{ completion: "x" }], run: "team-a/shared-window" },
            { headers: { authorization: `Bearer ${keyA}` } },
          );
          out.push(reply.status);
        }
        return out;
      } finally {
        await stop(server);
      }
    };
    try {
      expect(await statuses(["--state", `redis://127.0.0.1:${redis.port}`])).toEqual([200, 200, 429, 429]);
      // In memory each worker counts alone: two workers let twice the limit through.
      expect(await statuses([])).toEqual([200, 200, 200, 200]);
    } finally {
      await redis.stop();
    }
  }, 120_000);

  it.skipIf(!hasOpenssl())(
    "rediss://: the state goes over TLS to a redis-server trusting a private CA",
    async () => {
      const certificate = await selfSignedCertificate();
      const redis = await startRedisServer((port) => [
        "--port",
        "0",
        "--tls-port",
        String(port),
        "--tls-cert-file",
        certificate.certFile,
        "--tls-key-file",
        certificate.keyFile,
        "--tls-ca-cert-file",
        certificate.certFile,
        "--tls-auth-clients",
        "no",
        "--requirepass",
        "tls-redis-password-0123456789",
      ]);
      const folder = await specFolder();
      const spec = join(folder, "spec.yaml");
      try {
        const args = ["serve", "--spec", spec, "--port", "0", "--state-password-env", "RK_REDIS_PASSWORD"];
        const env = { RK_REDIS_PASSWORD: "tls-redis-password-0123456789" };
        // Plain redis:// to a TLS port, and rediss:// without trusting the CA, both fail at start-up.
        const plain = await runCli([...args, "--state", `redis://127.0.0.1:${redis.port}`], { env });
        expect(plain.code).toBe(1);
        const untrusted = await runCli([...args, "--state", `rediss://127.0.0.1:${redis.port}`], { env });
        expect(untrusted.code).toBe(1);
        expect(untrusted.stderr).toContain("cannot reach Redis");
        const server = await spawnServer(
          args.slice(1).concat(["--state", `rediss://127.0.0.1:${redis.port}`]),
          {
            ...env,
            NODE_EXTRA_CA_CERTS: certificate.certFile,
          },
        );
        try {
          const send = () =>
            post<{ results: { reward: number }[] }>(`${server.url}/v1/score`, {
              samples: [{ completion: "x" }],
            });
          expect((await send()).body.results[0]?.reward).toBe(1);
          expect((await send()).body.results[0]?.reward).toBe(2);
        } finally {
          await stop(server);
        }
      } finally {
        await redis.stop();
      }
    },
  );
});
