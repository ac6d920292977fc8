import { z } from "zod";
import { type ProgramLanguage, RewardkitError, specIssueError } from "../../core/index.js";

export const languageField = z.enum(["python", "javascript"]);

const stdioTest = z.object({
  input: z.string().default("").describe("The program's stdin."),
  output: z.string().describe("The stdout it must print."),
});

/** `hidden`: more tests of any of the shapes below, not shown to the policy (see docs/sandbox.md). */
const hiddenField = z.unknown().optional();

const stdioReference = z.strictObject({
  language: languageField.optional(),
  tests: z.array(stdioTest).min(1),
  hidden: hiddenField,
});

const assertReference = z.strictObject({
  language: languageField.optional(),
  assert: z.string().min(1),
  hidden: hiddenField,
});

const functionName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "expected a Python identifier");

/**
 * APPS / TACO / verl's ground truth: parallel lists of stdin and stdout, or, with `fn_name`,
 * call-based cases (each input a list of arguments, each output the return value).
 */
const inputsOutputsReference = z
  .object({
    inputs: z.array(z.unknown()),
    outputs: z.array(z.unknown()),
    fn_name: functionName.optional(),
    language: languageField.optional(),
    hidden: hiddenField,
  })
  .refine((value) => value.inputs.length === value.outputs.length, {
    message: "inputs and outputs must have the same length",
    path: ["outputs"],
  });

const stdinLists = z.object({ inputs: z.array(z.string()), outputs: z.array(z.string()) });

/** One set of tests of one kind. */
export type CodeTestSet =
  | { kind: "stdio"; tests: { input: string; output: string }[] }
  | { kind: "assert"; code: string }
  | { kind: "calls"; fnName: string; inputs: unknown[]; outputs: unknown[] };

/** What the code node tests a program against: the visible tests and, when given, hidden ones. */
export type CodeTests = CodeTestSet & {
  language: ProgramLanguage | undefined;
  /** Tests the policy never sees; by default the score counts only these when they are given. */
  hidden?: CodeTestSet;
};

/**
 * The row's reference as tests: `{language, tests: [{input, output}]}`, `{language, assert}`, or
 * `{inputs, outputs[, fn_name]}` as APPS, TACO and verl write them; a JSON string of any of these
 * is parsed first. Any of them may carry `hidden`: more tests (same shapes, the language and
 * `fn_name` inherited). Bad shapes are INPUT_INVALID naming the field (`reference.tests[1].output`).
 */
export function parseCodeReference(reference: unknown): CodeTests {
  const { hidden, language, ...visible } = parseTestSet(reference, "reference", undefined);
  const tests: CodeTests = { ...visible, language };
  if (hidden !== undefined) {
    const inherited = visible.kind === "calls" ? visible.fnName : undefined;
    const {
      hidden: nested,
      language: hiddenLanguage,
      ...set
    } = parseTestSet(hidden, "reference.hidden", inherited);
    if (nested !== undefined) {
      throw new RewardkitError("INPUT_INVALID", "hidden tests cannot have hidden tests of their own", {
        path: "reference.hidden.hidden",
      });
    }
    if (hiddenLanguage !== undefined && language !== undefined && hiddenLanguage !== language) {
      throw new RewardkitError(
        "INPUT_INVALID",
        `the hidden tests are ${hiddenLanguage}, the visible ${language}`,
        {
          path: "reference.hidden.language",
        },
      );
    }
    tests.hidden = set;
    tests.language ??= hiddenLanguage;
  }
  return tests;
}

type ParsedSet = CodeTestSet & { language: ProgramLanguage | undefined; hidden: unknown };

function parseTestSet(reference: unknown, path: string, inheritedFunction: string | undefined): ParsedSet {
  let value = reference;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      throw new RewardkitError("INPUT_INVALID", `${path} is a string but not JSON tests`, { path });
    }
  }
  if (typeof value === "object" && value !== null && Array.isArray(value) && path.endsWith("hidden")) {
    value = { tests: value };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new RewardkitError(
      "INPUT_INVALID",
      "expected {language, tests}, {language, assert} or {inputs, outputs[, fn_name]} tests",
      { path },
    );
  }
  if ("assert" in value) {
    const parsed = parseWith(assertReference, value, path);
    return { kind: "assert", language: parsed.language, code: parsed.assert, hidden: parsed.hidden };
  }
  if ("inputs" in value || "outputs" in value) {
    const parsed = parseWith(inputsOutputsReference, value, path);
    const fnName = parsed.fn_name ?? inheritedFunction;
    if (fnName !== undefined) {
      return {
        kind: "calls",
        language: parsed.language,
        fnName,
        inputs: parsed.inputs,
        outputs: parsed.outputs,
        hidden: parsed.hidden,
      };
    }
    const lists = parseWith(stdinLists, { inputs: parsed.inputs, outputs: parsed.outputs }, path);
    return {
      kind: "stdio",
      language: parsed.language,
      tests: lists.inputs.map((input, index) => ({ input, output: lists.outputs[index] as string })),
      hidden: parsed.hidden,
    };
  }
  const parsed = parseWith(stdioReference, value, path);
  return { kind: "stdio", language: parsed.language, tests: parsed.tests, hidden: parsed.hidden };
}

function parseWith<Schema extends z.ZodType>(schema: Schema, value: unknown, path: string): z.output<Schema> {
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) return parsed.data;
  const error = specIssueError(parsed.error, path);
  throw new RewardkitError("INPUT_INVALID", error.message, { path: error.path ?? path });
}
