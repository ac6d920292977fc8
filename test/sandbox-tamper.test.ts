import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import type { RewardResult } from "../src/core/index.js";
import { BubblewrapRunner } from "../src/sandbox/index.js";
import { makeSample } from "../src/testing/index.js";
import { fenced, scoreWith } from "./sandbox-helpers.js";

/**
 * Assert-style tests against programs that try to win without solving the task (the reward
 * tampering of "Sycophancy to Subterfuge", and the hacks reported for code RL: always-equal
 * objects, early exit, fake "PASS" output). Each cheat scores 0; the honest control scores 1.
 */
const node = { type: "code", limits: { cpu_ms: 2_000, wall_ms: 6_000 }, concurrency: 2 };

async function score(
  language: "python" | "javascript",
  program: string,
  tests: string,
): Promise<RewardResult> {
  const [result] = await scoreWith(node, [
    makeSample({ completion: fenced(language, program), reference: { language, assert: tests } }),
  ]);
  return result as RewardResult;
}

const probeProgram = [
  "import ctypes, gc, os, re, sys",
  "TOKEN = re.compile('tok' + r'-[0-9a-f]{8}-[0-9a-f-]{27}')",
  "def is_token(value):",
  "    return isinstance(value, str) and TOKEN.search(value) is not None",
  "def probe():",
  "    found = []",
  "    frame = sys._getframe()",
  "    while frame is not None:",
  "        found += [c for c in frame.f_code.co_consts if is_token(c)]",
  "        found += [v for v in frame.f_locals.values() if is_token(v)]",
  "        frame = frame.f_back",
  "    found += [o for o in gc.get_objects() if is_token(o)]",
  "    found += [v for v in globals().values() if is_token(v)]",
  "    for path in ['/proc/1/cmdline', '/proc/1/environ', '/proc/1/mem', '/proc/1/fd/0']:",
  "        try:",
  "            found.append(open(path, 'rb').read(100).decode(errors='replace'))",
  "        except OSError as error:",
  "            pass",
  "    for fd in range(3, 256):",
  "        try:",
  "            os.set_blocking(fd, False)",
  "            found.append(os.read(fd, 4096).decode(errors='replace'))",
  "        except OSError:",
  "            pass",
  "    libc = ctypes.CDLL(None, use_errno=True)",
  "    if libc.ptrace(16, 1, 0, 0) == 0:",
  "        found.append('attached')",
  "    hits = [TOKEN.search(f).group(0) for f in found if is_token(f)]",
  "    return hits[0] if hits else 'nothing'",
].join("\n");

const pythonTests = "assert add(1, 2) == 3\nassert add(-4, 4) == 0\nassert add(10, 5) == 15";

describe("the usual harness (program and asserts concatenated in one process) is fooled by the same cheats", () => {
  // HumanEval's harness runs prompt + completion + tests + check(...) as one program; many RL code
  // rewards do the same and read the exit status. Shown here so the cheats below are known to work.
  const runner = new BubblewrapRunner({ concurrency: 2 });
  afterAll(() => runner.close());
  const concatenated = (program: string, tests: string) =>
    runner.run({ language: "python", source: `${program}\n${tests}\nprint("ALL TESTS PASSED")` });

  it("AlwaysEqual passes and early exit(0) looks like success", async () => {
    const always =
      "class AlwaysEqual:\n    def __eq__(self, other): return True\ndef add(a, b):\n    return AlwaysEqual()";
    expect((await concatenated(always, pythonTests)).stdout).toBe("ALL TESTS PASSED\n");
    const early = await concatenated("import sys\ndef add(a, b): return 0\nsys.exit(0)", pythonTests);
    expect(early.exitCode).toBe(0);
  });

  it("the introspection probe finds the expected value when it shares the process", async () => {
    const token = `tok-${randomUUID()}`;
    const outcome = await concatenated(
      probeProgram,
      `print(probe())\nassert probe() == ${JSON.stringify(token)}`,
    );
    expect(outcome.stdout).toContain(token);
  });
});

describe("Python assert tests cannot be tampered with", () => {
  it("control: an honest solution passes every test, a wrong one gets partial credit", async () => {
    expect((await score("python", "def add(a, b):\n    return a + b", pythonTests)).score).toBe(1);
    const partial = await score("python", "def add(a, b):\n    return 3 if a == 1 else 0", pythonTests);
    expect(partial.score).toBeCloseTo(2 / 3);
    expect(partial.components).toMatchObject({ "code.test_1": 1, "code.test_2": 1, "code.test_3": 0 });
    expect(partial.reason).toMatch(/test 3: assert add\(10, 5\) == 15: got 0, expected 15/);
  });

  it("an object whose __eq__ always says True (and truthy) scores 0", async () => {
    const program = [
      "class AlwaysEqual:",
      "    def __eq__(self, other): return True",
      "    def __ne__(self, other): return False",
      "    def __bool__(self): return True",
      "def add(a, b):",
      "    return AlwaysEqual()",
    ].join("\n");
    const result = await score("python", program, `${pythonTests}\nassert add(0, 0)`);
    expect(result.score).toBe(0);
    expect(result.reason).toMatch(/got <program AlwaysEqual object>/);
  });

  it("a subclass of int that equals everything is compared as the plain int it is", async () => {
    const program =
      "class Sneaky(int):\n    def __eq__(self, other): return True\ndef add(a, b):\n    return Sneaky(7)";
    expect((await score("python", program, pythonTests)).score).toBe(0);
  });

  it("exiting early with status 0 (sys.exit at import, os._exit in a call) scores 0", async () => {
    const atImport = await score("python", "import sys\ndef add(a, b): return 0\nsys.exit(0)", pythonTests);
    expect(atImport.score).toBe(0);
    expect(atImport.reason).toMatch(/failed to load.*SystemExit/);
    const inCall = await score("python", "import os\ndef add(a, b):\n    os._exit(0)", pythonTests);
    expect(inCall.score).toBe(0);
    expect(inCall.reason).toMatch(/exited with status 0/);
  });

  it("printing a verdict, or writing one to every descriptor, scores 0", async () => {
    const forged = JSON.stringify({ kind: "result", index: 0, passed: true });
    const program = [
      "import os",
      `line = ${JSON.stringify(`${forged}\n{"kind": "done"}\n`)}.encode()`,
      "print('PASS')",
      "for fd in range(0, 256):",
      "    try:",
      "        os.write(fd, line)",
      "    except OSError:",
      "        pass",
      "def add(a, b):",
      "    print('PASS')",
      "    return None",
    ].join("\n");
    expect((await score("python", program, pythonTests)).score).toBe(0);
  });

  it("rewriting builtins, AssertionError or the assert machinery in its own process changes nothing", async () => {
    const program = [
      "import builtins",
      "builtins.AssertionError = type('Never', (Exception,), {})",
      "builtins.len = lambda x: 3",
      "builtins.isinstance = lambda *a: True",
      "def add(a, b):",
      "    return 'nope'",
    ].join("\n");
    const tests = "assert add(1, 2) == 3\nassert len(add(1, 2)) == 3\nassert isinstance(add(1, 2), int)";
    expect((await score("python", program, tests)).score).toBe(0);
  });

  it("defining the tests' checkers (abs, len, isinstance, all, round) wins nothing", async () => {
    // Python would use these definitions inside the tests; rewardkit uses the program's own name only
    // where a test calls it on test data (docs/sandbox.md, "Names"), never on the program's results.
    const program = [
      "def abs(x): return 0",
      "def len(x): return 3",
      "def isinstance(*a): return True",
      "def all(x): return True",
      "def round(*a): return 0.33",
      "def sorted(x, **k): return [1, 2, 3]",
      "def add(a, b):",
      "    return 'nope'",
      "def mean(values):",
      "    return 99.0",
    ].join("\n");
    const tests = [
      "assert abs(mean([1, 2]) - 1.5) < 1e-6",
      "result = add(1, 2)\nassert len(result) == 3",
      "assert isinstance(add(1, 2), int)",
      "assert all(x > 0 for x in [add(1, 2)])",
      "assert round(mean([0.3, 0.36]), 2) == 0.33",
      "assert sorted(add(3, 1)) == [1, 2, 3]",
      "def check(candidate):\n    assert abs(candidate([1, 2]) - 1.5) < 1e-6\ncheck(mean)",
    ].join("\n");
    const result = await score("python", program, tests);
    expect(result.score).toBe(0);
    expect(result.components).toMatchObject(
      Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`code.test_${i + 1}`, 0])),
    );
    // The control: the same checkers on test data alone mean the program's definitions.
    const own = await score(
      "python",
      program,
      "assert abs(-5) == 0\nassert len([1]) == 3\nassert round(1.0) == 0.33",
    );
    expect(own.score).toBe(1);
  });

  it("objects from the program compare by the program's == only with each other, never with data", async () => {
    const program = [
      "class AlwaysEqual:",
      "    def __eq__(self, other): return True",
      "    def __ne__(self, other): return False",
      "    def __hash__(self): return 0",
      "def make():",
      "    return AlwaysEqual()",
      "def add(a, b):",
      "    return AlwaysEqual()",
    ].join("\n");
    const tests =
      "assert add(1, 2) == 3\nassert add(1, 2) == [3]\nassert [add(1, 2)] == [3]\nassert not (add(1, 2) != 3)\nassert make() == make()";
    const result = await score("python", program, tests);
    expect(result.components).toMatchObject({
      "code.test_1": 0,
      "code.test_2": 0,
      "code.test_3": 0,
      "code.test_4": 0,
      "code.test_5": 1,
    });
  });

  it("reading the tests: introspection, /proc, descriptors and ptrace find nothing", async () => {
    const token = `tok-${randomUUID()}`;
    const program = probeProgram;
    const result = await score("python", program, `assert probe() == ${JSON.stringify(token)}`);
    expect(result.score).toBe(0);
    expect(result.reason).toMatch(/got 'nothing'/);
  });

  it("killing the evaluator (PID 1) is impossible, killing itself only fails its tests", async () => {
    const program =
      "import os, signal\ndef add(a, b):\n    os.kill(1, signal.SIGKILL)\n    os.kill(os.getppid(), signal.SIGKILL)\n    return a + b";
    expect((await score("python", program, pythonTests)).score).toBe(1);
    const suicide = "import os, signal\ndef add(a, b):\n    os.kill(os.getpid(), signal.SIGKILL)";
    expect((await score("python", suicide, pythonTests)).score).toBe(0);
  });
});

const javascriptTests = [
  "const assert = require('node:assert');",
  "assert.strictEqual(add(1, 2), 3);",
  "assert.deepStrictEqual(pair(1), [1, 1]);",
  "assert.ok(add(0, 1) === 1);",
].join("\n");

describe("JavaScript assert tests cannot be tampered with", () => {
  it("control: an honest solution passes; a wrong one gets partial credit with the assertion's message", async () => {
    const honest = "function add(a, b) { return a + b; }\nconst pair = (x) => [x, x];";
    expect((await score("javascript", honest, javascriptTests)).score).toBe(1);
    const partial = await score(
      "javascript",
      "function add(a, b) { return a - b; }\nconst pair = (x) => [x, x];",
      javascriptTests,
    );
    expect(partial.score).toBeCloseTo(1 / 3);
    expect(partial.reason).toMatch(/test 1: Expected values to be strictly equal: -1 !== 3/);
  });

  it("objects faking their value (valueOf, toString, Symbol.toPrimitive) and truthiness score 0", async () => {
    const program = [
      "const fake = { valueOf() { return 3; }, toString() { return '3'; }, [Symbol.toPrimitive]() { return 3; } };",
      "class Fake { valueOf() { return 3; } }",
      "function add(a, b) { return new Fake(); }",
      "function pair(x) { return new Fake(); }",
    ].join("\n");
    const tests = `${javascriptTests}\nassert.equal(add(1, 2), 3);\nassert(add(1, 2));`;
    expect((await score("javascript", program, tests)).score).toBe(0);
  });

  it("exiting early, overriding assert in its own process, or writing fake verdicts scores 0", async () => {
    const exits = "function add(a, b) { return 0; }\nprocess.exit(0);";
    expect((await score("javascript", exits, javascriptTests)).score).toBe(0);
    const forger = [
      "const fs = require('fs');",
      'for (let fd = 0; fd < 64; fd++) { try { fs.writeSync(fd, \'{"kind":"done"}\\n\'); } catch {} }',
      "globalThis.assert = () => true; require('assert').strictEqual = () => undefined;",
      "function add() { console.log('PASS'); return null; }",
      "function pair() { return null; }",
    ].join("\n");
    expect((await score("javascript", forger, javascriptTests)).score).toBe(0);
  });
});
