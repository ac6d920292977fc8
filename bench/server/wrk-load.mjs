// The load driver both server benches share: the rollouts they send, wrk's Lua scripts that cycle
// through request bodies, a wrk run read into numbers, and stopping a server process.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";

/** GSM8K-sized rollouts (as bench/engine makes them): a third are wrong, all well formatted. */
export function rollout(index) {
  const answer = index % 97;
  const think = `<think>Natalia sold ${answer} clips in April and half as many in May, so the total is computed step by step.</think>`;
  return {
    prompt: `<|im_start|>user\nHow many clips did Natalia sell altogether? (${index})<|im_end|>\n<|im_start|>assistant\n`,
    completion: `${think}\n<answer>${index % 3 === 0 ? answer + 1 : answer}</answer>`,
    reference: `${think}\n<answer>${answer}</answer>`,
  };
}

/** A wrk script in `work` that POSTs `bodies` to `path` in turn. */
export function luaScript(work, name, path, bodies) {
  const file = `${work}/${name}.lua`;
  const lines = [
    "local bodies = {}",
    ...bodies.map((body) => `bodies[#bodies + 1] = ${JSON.stringify(JSON.stringify(body))}`),
    "local index = 0",
    'local headers = { ["Content-Type"] = "application/json" }',
    "request = function()",
    "  index = index % #bodies + 1",
    `  return wrk.format("POST", "${path}", headers, bodies[index])`,
    "end",
  ];
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

function toMs(text) {
  const match = /([\d.]+)(us|ms|s)/.exec(text);
  if (!match) return Number.NaN;
  const value = Number(match[1]);
  return match[2] === "us" ? value / 1000 : match[2] === "s" ? value * 1000 : value;
}

/** One wrk run of `duration` seconds: requests/s, p50 and p99 in ms, failed requests. */
export function runWrk(url, load, duration) {
  const run = spawnSync(
    "wrk",
    [
      "-t1",
      `-c${load.connections}`,
      `-d${duration}s`,
      "--timeout",
      "10s",
      "--latency",
      "-s",
      load.script,
      `${url}${load.path}`,
    ],
    { encoding: "utf8" },
  );
  const out = run.stdout;
  const requestsPerSecond = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
  const percentile = (p) => toMs(new RegExp(`^\\s+${p}%\\s+(\\S+)`, "m").exec(out)?.[1] ?? "");
  const failed =
    Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0) +
    Number(/timeout (\d+)/.exec(out)?.[1] ?? 0);
  return { requestsPerSecond, p50: percentile(50), p99: percentile(99), failed };
}

/** SIGTERM a server started by a bench; resolves when it has exited. */
export function stop(server) {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) return resolve();
    server.child.once("exit", resolve);
    server.child.kill("SIGTERM");
  });
}
