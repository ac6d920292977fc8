import { readFileSync } from "node:fs";

/** A file of the Python harness, beside this module (the build copies `.py` files into dist/). */
function harnessFile(name: string): string {
  return readFileSync(new URL(`./python/${name}`, import.meta.url), "utf8");
}

const codec = harnessFile("codec.py");

/**
 * The Python test harness, in real `.py` files under `python/`: the trusted evaluator (PID 1 of the
 * sandbox; codec + name resolution + evaluator) and the untrusted program host (codec + host), each
 * run with `python -c`. See docs/sandbox.md.
 */
export const pythonHarness = {
  evaluator: `${codec}\n${harnessFile("names.py")}\n${harnessFile("evaluator.py")}`,
  host: `${codec}\n${harnessFile("program_host.py")}`,
} as const;
