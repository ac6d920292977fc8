import { execFileSync } from "node:child_process";
import { chmodSync, readFileSync, realpathSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rename, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "./helpers/cli.js";

/**
 * rewardkit as a user's project gets it: the tarball `npm pack` makes from the build, unpacked
 * where `npm install` puts it (node_modules/rewardkit, its bin linked in node_modules/.bin). No
 * network here, so its dependencies are the repository's own node_modules, linked beside it (what
 * `npm install` would fetch): what this checks is that the package's files and exports are complete.
 */
let project: string;
const version = (JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string })
  .version;

beforeAll(async () => {
  const folder = await mkdtemp(join(tmpdir(), "rewardkit-pack-"));
  execFileSync("npm", ["pack", "--silent", "--pack-destination", folder], { cwd: repoRoot, stdio: "pipe" });
  const tarball = (await readdir(folder)).find((name) => name.endsWith(".tgz")) as string;
  project = join(folder, "project");
  const modules = join(project, "node_modules");
  await mkdir(join(modules, ".bin"), { recursive: true });
  await writeFile(
    join(project, "package.json"),
    '{ "name": "user-project", "private": true, "type": "module" }\n',
  );
  execFileSync("tar", ["-xzf", join(folder, tarball), "-C", modules]);
  await rename(join(modules, "package"), join(modules, "rewardkit"));
  await symlink(realpathSync(join(repoRoot, "node_modules")), join(modules, "rewardkit", "node_modules"));
  const bin = join(modules, "rewardkit", "bin", "rewardkit.js");
  chmodSync(bin, 0o755);
  await symlink(bin, join(modules, ".bin", "rewardkit"));
}, 60_000);

describe("the packed package, installed", () => {
  it("runs `rewardkit --version` and a score from node_modules/.bin", async () => {
    const bin = join(project, "node_modules", ".bin", "rewardkit");
    expect(execFileSync(bin, ["--version"], { cwd: project, encoding: "utf8" })).toBe(`${version}\n`);
    await writeFile(join(project, "spec.yaml"), "version: 1\nreward: { type: exact_match, value: '5' }\n");
    const scored = execFileSync(bin, ["score", "--spec", "spec.yaml"], {
      cwd: project,
      encoding: "utf8",
      input: '{"completion":"5"}\n{"completion":"6"}\n',
      stdio: ["pipe", "pipe", "pipe"],
    });
    expect(
      scored
        .trim()
        .split("\n")
        .map((line) => (JSON.parse(line) as { reward: number }).reward),
    ).toEqual([1, 0]);
  });

  it("imports rewardkit, rewardkit/server and rewardkit/testing, whose OpenAI-compatible server answers", async () => {
    await writeFile(
      join(project, "check.mjs"),
      [
        'import { loadSpec } from "rewardkit";',
        'import { createRewardServer } from "rewardkit/server";',
        'import { startOpenAIServer } from "rewardkit/testing";',
        'const server = await startOpenAIServer({ reply: () => "Score: 7" });',
        'const response = await fetch(server.url + "/chat/completions", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ model: "m", messages: [{ role: "user", content: "hi" }] }) });',
        "const body = await response.json();",
        "await server.close();",
        "console.log(JSON.stringify({ loadSpec: typeof loadSpec, server: typeof createRewardServer, content: body.choices[0].message.content }));",
      ].join("\n"),
    );
    const out = execFileSync(process.execPath, ["check.mjs"], { cwd: project, encoding: "utf8" });
    expect(JSON.parse(out)).toEqual({ loadSpec: "function", server: "function", content: "Score: 7" });
  });
});
