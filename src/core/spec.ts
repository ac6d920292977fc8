import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { parse as parseYaml, YAMLParseError } from "yaml";
import { z } from "zod";
import { RewardkitError } from "./errors.js";
import { nodeRef, specIssueError } from "./node.js";

/** The `advantage` section: an estimator name and its options, checked by the advantage registry. */
export const advantageRef = z
  .looseObject({ type: z.string().describe("The estimator (grpo, rloo, ...).") })
  .describe("How rewards become advantages over groups.");

/** The `diagnostics` section: checked by the diagnose room's schema when the spec is loaded. */
export const diagnosticsRef = z
  .looseObject({})
  .describe("Reward-hacking diagnostics: a gold probe, roles and thresholds (docs/diagnose-hacking.md).");

/** The top level of a spec file. */
export const specSchema = z.strictObject({
  version: z.literal(1).default(1).describe("The spec format version."),
  description: z.string().optional().describe("What this reward is for (shown in reports)."),
  reward: nodeRef.describe("The root reward node."),
  advantage: advantageRef.optional(),
  diagnostics: diagnosticsRef.optional(),
});
export type Spec = z.output<typeof specSchema>;

/** Checks the top level of a spec (nodes are checked when compiled, with their paths). */
export function parseSpec(value: unknown): Spec {
  const parsed = specSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) throw specIssueError(parsed.error, "", specSchema);
  return parsed.data;
}

/** Reads a spec file: YAML (`.yaml`/`.yml`) or JSON (anything else that parses as JSON). */
export async function readSpecFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new RewardkitError("SPEC_INVALID", `cannot read spec file: ${(error as Error).message}`, {
      path: file,
      cause: error,
    });
  }
  return parseSpecText(text, file);
}

export function parseSpecText(text: string, file = "<spec>"): unknown {
  const extension = extname(file).toLowerCase();
  if (extension === ".json") {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new RewardkitError("SPEC_INVALID", `invalid JSON: ${(error as Error).message}`, { path: file });
    }
  }
  try {
    return parseYaml(text) as unknown;
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const position = error.linePos?.[0];
      const where = position ? `${file}:${position.line}:${position.col}` : file;
      throw new RewardkitError("SPEC_INVALID", `invalid YAML: ${error.message.split("\n")[0]}`, {
        path: where,
      });
    }
    throw error;
  }
}
