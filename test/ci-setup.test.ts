import { spawn, spawnSync } from "node:child_process";
import { chmod, mkdir, mkdtemp, readFile, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./helpers/cli.js";

// scripts/setup.sh and .ci/run on a machine that lacks what the tests need, simulated with a PATH
// of stand-in commands: setup must fail loudly (naming what is missing, before npm) rather than
// let CI skip the tests that need Redis or Python, and .ci/run must make those tests mandatory.

interface Machine {
  bin: string;
  log: string;
}

/** A PATH holding only `sh`, `dirname`, `id`, a recording `npm`, and the stand-ins asked for. */
async function machine(commands: Record<string, string>): Promise<Machine> {
  const folder = await mkdtemp(join(tmpdir(), "rewardkit-setup-"));
  const bin = join(folder, "bin");
  const log = join(folder, "calls.log");
  await writeFile(log, "");
  await mkdir(bin);
  for (const tool of ["dirname", "id"]) await symlink(`/usr/bin/${tool}`, join(bin, tool));
  await symlink("/bin/sh", join(bin, "sh"));
  const scripts = {
    npm: `echo "npm $* REQUIRE_SERVICES=\${REWARDKIT_REQUIRE_SERVICES:-} REQUIRE_SHARED_DATA=\${REWARDKIT_REQUIRE_SHARED_DATA:-}" >> ${log}`,
    ...commands,
  };
  for (const [name, body] of Object.entries(scripts)) {
    await writeFile(join(bin, name), `#!/bin/sh\n${body}\n`);
    await chmod(join(bin, name), 0o755);
  }
  return { bin, log };
}

function run(script: string, bin: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("/bin/sh", [join(repoRoot, script)], {
      env: { PATH: bin, HOME: tmpdir() },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

// What every test needs, present: bwrap, redis-server, openssl, and a python3 that imports everything.
const present = { bwrap: "exit 0", "redis-server": "exit 0", openssl: "exit 0", python3: "exit 0" };
const isRoot = process.getuid?.() === 0;
// setup.sh also tries Debian's /usr/bin/python3 by its full path, which a PATH cannot hide.
const debianPythonReady =
  spawnSync("/usr/bin/python3", ["-c", "import json, urllib.request, asyncio, aiohttp, flask, requests"])
    .status === 0;

describe("scripts/setup.sh and .ci/run", () => {
  it("with everything present, installs the npm packages from the lockfile and nothing else", async () => {
    const { bin, log } = await machine({ ...present, "apt-get": "exit 1" });
    const result = await run("scripts/setup.sh", bin);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect((await readFile(log, "utf8")).trim()).toBe(
      "npm ci --no-audit --no-fund REQUIRE_SERVICES= REQUIRE_SHARED_DATA=",
    );
  });

  it("without apt-get, fails naming what is missing, before npm", async () => {
    const { bin, log } = await machine({ bwrap: "exit 0", openssl: "exit 0" });
    const result = await run("scripts/setup.sh", bin);
    expect(result.code).toBe(1);
    const python = debianPythonReady ? "" : " python3 python3-aiohttp python3-flask python3-requests";
    expect(result.stderr).toContain(`setup: cannot install: redis-server${python} (no apt-get here)`);
    expect(await readFile(log, "utf8")).toBe("");
  });

  it("without apt-get, names openssl when only it is missing", async () => {
    const { bin, log } = await machine({ bwrap: "exit 0", "redis-server": "exit 0", python3: "exit 0" });
    const result = await run("scripts/setup.sh", bin);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("setup: cannot install: openssl (no apt-get here)");
    expect(await readFile(log, "utf8")).toBe("");
  });

  it.skipIf(!isRoot)("when apt-get fails or installs nothing usable, fails loudly, before npm", async () => {
    const failing = await machine({ ...present, "redis-server": "exit 1", "apt-get": "exit 100" });
    // `command -v` finds the stand-in redis-server even though it fails: remove it from the picture.
    await writeFile(join(failing.bin, "redis-server"), "");
    await chmod(join(failing.bin, "redis-server"), 0o644);
    const refused = await run("scripts/setup.sh", failing.bin);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("setup: apt-get update failed; cannot install: redis-server");
    expect(await readFile(failing.log, "utf8")).toBe("");

    // apt-get "succeeds" but installs nothing.
    const useless = await machine({
      bwrap: "exit 0",
      openssl: "exit 0",
      python3: "exit 0",
      "apt-get": "exit 0",
    });
    const still = await run("scripts/setup.sh", useless.bin);
    expect(still.code).toBe(1);
    expect(still.stderr).toContain("setup: still missing after apt-get install: redis-server");
    expect(await readFile(useless.log, "utf8")).toBe("");
  });

  it(".ci/run makes the tests that need Redis, Python or the shared data fail instead of skipping", async () => {
    const { bin, log } = await machine(present);
    const result = await run(".ci/run", bin);
    expect(result.code).toBe(0);
    expect((await readFile(log, "utf8")).trim().split("\n")).toEqual([
      "npm ci --no-audit --no-fund REQUIRE_SERVICES=1 REQUIRE_SHARED_DATA=1",
      "npm test REQUIRE_SERVICES=1 REQUIRE_SHARED_DATA=1",
    ]);
  });
});
