import { z } from "zod";
import { specIssueError } from "../core/index.js";
import type { Environment } from "./environment.js";
import type { MultiAgentEnvironment } from "./multi-agent-environment.js";

interface DefinitionFields<Schema extends z.ZodObject> {
  /** The registry name (`"four-rooms"`), also the environment's `id`. */
  readonly id: string;
  /** One sentence: what the world is. */
  readonly summary: string;
  /** The seed papers that use it (`papers.md` titles) and where its design comes from. */
  readonly papers: readonly string[];
  /** Its options; the schema validates them, documents them and gives their defaults. */
  readonly options: Schema;
}

/** A single-agent environment in the registry. */
export interface EnvironmentDefinition<
  Schema extends z.ZodObject = z.ZodObject,
  Made = Environment<unknown, never>,
> extends DefinitionFields<Schema> {
  readonly kind: "single-agent";
  /** Builds an instance from validated options. */
  build(options: z.output<Schema>): Made;
}

/** A multi-agent environment in the registry. */
export interface MultiAgentEnvironmentDefinition<
  Schema extends z.ZodObject = z.ZodObject,
  Made = MultiAgentEnvironment<unknown, never>,
> extends DefinitionFields<Schema> {
  readonly kind: "multi-agent";
  build(options: z.output<Schema>): Made;
}

/** Either kind: the registry holds both in one list. */
export type AnyEnvironmentDefinition =
  | EnvironmentDefinition<z.ZodObject, unknown>
  | MultiAgentEnvironmentDefinition<z.ZodObject, unknown>;

/** Declares a single-agent environment (the schema's type flows into `build`). */
export function defineEnvironment<Schema extends z.ZodObject, Made extends Environment<unknown, never>>(
  definition: DefinitionFields<Schema> & { build(options: z.output<Schema>): Made },
): EnvironmentDefinition<Schema, Made> {
  return { ...definition, kind: "single-agent" };
}

/** Declares a multi-agent environment. */
export function defineMultiAgentEnvironment<
  Schema extends z.ZodObject,
  Made extends MultiAgentEnvironment<unknown, never>,
>(
  definition: DefinitionFields<Schema> & { build(options: z.output<Schema>): Made },
): MultiAgentEnvironmentDefinition<Schema, Made> {
  return { ...definition, kind: "multi-agent" };
}

/**
 * Validates raw options (from a file, a flag, an HTTP body) against a definition's schema and builds
 * the environment. A bad option is a SPEC_INVALID error naming it (`environments.key-door.size: ...`);
 * so is an unknown one (a misspelt option must not be silently ignored).
 */
export function buildFromDefinition<Schema extends z.ZodObject, Made>(
  definition: { readonly id: string; readonly options: Schema; build(options: z.output<Schema>): Made },
  options: unknown = {},
): Made {
  const parsed = z.strictObject(definition.options.shape).safeParse(options ?? {}, { reportInput: true });
  if (!parsed.success) throw specIssueError(parsed.error, `environments.${definition.id}`);
  return definition.build(parsed.data as z.output<Schema>);
}
