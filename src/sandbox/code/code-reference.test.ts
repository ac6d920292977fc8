import { describe, expect, it } from "vitest";
import { RewardkitError } from "../../core/index.js";
import { parseCodeReference } from "./code-reference.js";

function failure(reference: unknown): { code: string; path: string | undefined; message: string } {
  try {
    parseCodeReference(reference);
  } catch (error) {
    if (RewardkitError.isInstance(error))
      return { code: error.code, path: error.path, message: error.message };
    throw error;
  }
  throw new Error("expected the reference to be refused");
}

describe("parseCodeReference", () => {
  it("reads the contract's two shapes, from objects or JSON strings", () => {
    expect(
      parseCodeReference({ language: "python", tests: [{ input: "1\n", output: "2\n" }, { output: "x" }] }),
    ).toEqual({
      kind: "stdio",
      language: "python",
      tests: [
        { input: "1\n", output: "2\n" },
        { input: "", output: "x" },
      ],
    });
    expect(
      parseCodeReference(JSON.stringify({ language: "javascript", assert: "assert(f(1) === 2)" })),
    ).toEqual({
      kind: "assert",
      language: "javascript",
      code: "assert(f(1) === 2)",
    });
  });

  it("reads APPS/verl {inputs, outputs} as stdin tests", () => {
    expect(parseCodeReference({ inputs: ["1\n", "2\n"], outputs: ["1\n", "4\n"] })).toMatchObject({
      kind: "stdio",
      tests: [
        { input: "1\n", output: "1\n" },
        { input: "2\n", output: "4\n" },
      ],
    });
  });

  it("reads APPS/TACO call-based tests (fn_name) and hidden tests of any shape", () => {
    expect(parseCodeReference({ fn_name: "add", inputs: [[1, 2]], outputs: [[3]] })).toEqual({
      kind: "calls",
      language: undefined,
      fnName: "add",
      inputs: [[1, 2]],
      outputs: [[3]],
    });
    expect(
      parseCodeReference({
        fn_name: "add",
        inputs: [[1, 2]],
        outputs: [3],
        hidden: { inputs: [[5, 5]], outputs: [10] },
      }).hidden,
    ).toEqual({ kind: "calls", fnName: "add", inputs: [[5, 5]], outputs: [10] });
    expect(
      parseCodeReference({
        language: "python",
        assert: "assert f(1) == 1",
        hidden: [{ input: "1", output: "2" }],
      }),
    ).toEqual({
      kind: "assert",
      language: "python",
      code: "assert f(1) == 1",
      hidden: { kind: "stdio", tests: [{ input: "1", output: "2" }] },
    });
  });

  it("names the bad field", () => {
    expect(
      failure({
        language: "python",
        tests: [
          { input: "", output: "1" },
          { input: 3, output: "2" },
        ],
      }),
    ).toMatchObject({
      code: "INPUT_INVALID",
      path: "reference.tests[1].input",
    });
    expect(failure({ language: "cobol", assert: "x" }).path).toBe("reference.language");
    expect(failure({ inputs: ["1"], outputs: [] }).path).toBe("reference.outputs");
    expect(failure({ inputs: [[1]], outputs: [1], fn_name: "f(x)" }).path).toBe("reference.fn_name");
    expect(failure({ inputs: [1], outputs: ["1"] }).path).toBe("reference.inputs[0]");
    expect(failure({ language: "python", assert: "x", hidden: { tests: [] } }).path).toBe(
      "reference.hidden.tests",
    );
    expect(
      failure({ language: "python", assert: "x", hidden: { assert: "y", hidden: { assert: "z" } } }).path,
    ).toBe("reference.hidden.hidden");
    expect(failure("not json")).toMatchObject({ code: "INPUT_INVALID", path: "reference" });
    expect(failure([1, 2]).path).toBe("reference");
    expect(failure({ language: "python", tests: [] }).path).toBe("reference.tests");
  });
});
