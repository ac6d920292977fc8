import { z } from "zod";
import { isPromiseLike } from "./concurrency.js";
import { RewardkitError } from "./errors.js";
import { requireReference } from "./reference-required.js";
import type { NodeImplementation, Reward } from "./reward.js";
import { describeIssue, fieldsAt, joinPath } from "./spec-path.js";

/** Fields every node accepts, handled by the engine rather than by the node. */
export const baseNodeFields = {
  name: z
    .string()
    .regex(/^[A-Za-z0-9_.:/-]+$/, "use letters, digits and _ . : / -")
    .optional()
    .describe("The key this node reports under in `components` (default: its type)."),
  on_error: z.number().default(0).describe("The score given when the node fails."),
  timeout_ms: z
    .number()
    .int()
    .positive()
    .optional()
    .describe("Deadline per sample (per-sample nodes) or per batch call (batch nodes)."),
  retries: z
    .number()
    .int()
    .min(0)
    .max(10)
    .default(0)
    .describe("Retries on retryable failures (network, 429, 5xx), with backoff."),
  cache: z.boolean().optional().describe("Cache results by content (default on for costly nodes)."),
};

/**
 * A child node inside a node's fields. It is checked where it is compiled (so errors carry its full
 * path), hence only its `type` is required here.
 */
export const nodeRef = z
  .looseObject({ type: z.string().describe("The node type.") })
  .describe("A reward node (any type).");
export type NodeRef = z.infer<typeof nodeRef>;

/** The engine-level fields as a node's factory receives them. */
export interface CompileTools {
  /** The node's unique component name. */
  readonly name: string;
  /** Where the node sits in the spec, e.g. `reward.terms[0].reward`. */
  readonly path: string;
  /** The directory relative file paths in the spec resolve against. */
  readonly baseDir: string;
  /** A key unique to this node for its per-run state. */
  readonly stateKey: string;
  /** Compiles a child node found at `relativePath` below this node. */
  child(spec: unknown, relativePath: string): Promise<Reward>;
}

export interface NodeDefinition<Schema extends z.ZodObject> {
  /** What users write as `type`. */
  readonly type: string;
  /** One line for docs/spec.md. */
  readonly summary: string;
  /** The paper the node implements, as in papers.md (e.g. `PAR (#19)`). */
  readonly paper?: string;
  /** The node's own fields (the engine adds `type` and the base fields). */
  readonly fields: Schema;
  /** Whether results are cached by content unless the spec says otherwise. */
  readonly cacheByDefault?: boolean;
  /**
   * Whether the node scores a sample against the other samples of its group in the batch (listwise
   * judges, group-relative shaping): the engine then never splits a group across batches.
   */
  readonly groupwise?: boolean;
  /** A short YAML example for docs. */
  readonly example?: string;
  /**
   * Whether the node compares the completion with the row's reference (or, as a function, whether
   * it does under this spec: `exact_match` with a fixed `value` needs none). Rows without one then
   * get NOT_APPLICABLE before the node runs (see `requireReference`), never a silent 0.
   */
  readonly needsReference?: boolean | ((spec: z.output<Schema>) => boolean);
  create(
    spec: z.output<Schema> & BaseNodeOptions,
    tools: CompileTools,
  ): NodeImplementation | Promise<NodeImplementation>;
}

export interface BaseNodeOptions {
  type: string;
  name?: string | undefined;
  on_error: number;
  timeout_ms?: number | undefined;
  retries: number;
  cache?: boolean | undefined;
}

/** A node type as the registry holds it: its full schema and a factory taking unchecked specs. */
export interface RegisteredNode {
  readonly type: string;
  readonly summary: string;
  readonly paper: string | undefined;
  readonly example: string | undefined;
  readonly cacheByDefault: boolean;
  /** Whether the node compares a sample with the rest of its group (see NodeDefinition.groupwise). */
  readonly groupwise: boolean;
  /** The full schema of the node (type + base fields + own fields); docs and OpenAPI read it. */
  readonly schema: z.ZodObject;
  parse(spec: unknown, path: string): z.output<z.ZodObject> & BaseNodeOptions;
  create(spec: BaseNodeOptions, tools: CompileTools): NodeImplementation | Promise<NodeImplementation>;
}

export function defineNode<Schema extends z.ZodObject>(definition: NodeDefinition<Schema>): RegisteredNode {
  const schema = z.strictObject({
    type: z.literal(definition.type),
    ...baseNodeFields,
    ...definition.fields.shape,
  });
  return {
    type: definition.type,
    summary: definition.summary,
    paper: definition.paper,
    example: definition.example,
    cacheByDefault: definition.cacheByDefault ?? false,
    groupwise: definition.groupwise ?? false,
    schema,
    parse(spec, path) {
      const parsed = schema.safeParse(spec, { reportInput: true });
      if (!parsed.success) throw specIssueError(parsed.error, path, schema);
      return parsed.data as z.output<z.ZodObject> & BaseNodeOptions;
    },
    create(spec, tools) {
      // `parse` produced `spec` from this node's schema, so the cast restores what it checked.
      const checked = spec as z.output<Schema> & BaseNodeOptions;
      const made = definition.create(checked, tools);
      const needs = definition.needsReference;
      if (!(typeof needs === "function" ? needs(checked) : needs)) return made;
      return isPromiseLike(made) ? Promise.resolve(made).then(requireReference) : requireReference(made);
    },
  };
}

/**
 * The first zod issue as a SPEC_INVALID error naming its full path. With the `schema` that failed,
 * a misspelt field is answered with the nearest known one ("did you mean `pattern`?").
 */
export function specIssueError(error: z.ZodError, basePath: string, schema?: z.ZodType): RewardkitError {
  const known = schema ? (path: readonly PropertyKey[]) => fieldsAt(schema, path) : undefined;
  // A misspelt field also shows up as a missing one; the misspelling is the more useful message.
  const issues = [...error.issues].sort(
    (a, b) => Number(b.code === "unrecognized_keys") - Number(a.code === "unrecognized_keys"),
  );
  const issue = issues[0];
  if (!issue) return new RewardkitError("SPEC_INVALID", "invalid spec", { path: basePath });
  const path = joinPath(basePath, issue.path);
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : "";
  return new RewardkitError("SPEC_INVALID", `${describeIssue(issue, known)}${more}`, {
    path,
    details: {
      issues: issues.map((each) => ({
        path: joinPath(basePath, each.path),
        message: describeIssue(each, known),
      })),
    },
  });
}
