import { Ajv, type ValidateFunction } from "ajv";

/** A tool the model may call: its name and the JSON Schema of its arguments. */
export interface ToolDefinition {
  name: string;
  parameters: Record<string, unknown> | undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** BFCL writes Python types in its schemas; these are their JSON Schema names. */
const bfclTypes: Readonly<Record<string, string | undefined>> = {
  dict: "object",
  float: "number",
  tuple: "array",
  list: "array",
  int: "integer",
  str: "string",
  bool: "boolean",
  any: undefined,
};

/**
 * A parameters schema as JSON Schema: BFCL's Python type names mapped (`dict` → object, `float` →
 * number, `any` → no type), and, when `closed`, objects that say nothing about extra properties
 * refuse them (a Python tool called with `**arguments` raises on an unknown keyword).
 */
export function toJsonSchema(schema: unknown, closed: boolean): unknown {
  if (Array.isArray(schema)) return schema.map((each) => toJsonSchema(each, closed));
  if (!isRecord(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "type" && typeof value === "string" && value in bfclTypes) {
      const mapped = bfclTypes[value];
      if (mapped !== undefined) out.type = mapped;
    } else if (key === "properties" && isRecord(value)) {
      out.properties = Object.fromEntries(
        Object.entries(value).map(([name, each]) => [name, toJsonSchema(each, closed)]),
      );
    } else if (key === "items" || key === "additionalProperties") {
      out[key] = toJsonSchema(value, closed);
    } else {
      out[key] = value;
    }
  }
  if (closed && out.type === "object" && isRecord(out.properties) && !("additionalProperties" in out)) {
    out.additionalProperties = false;
  }
  return out;
}

/**
 * Tool definitions from a list in any common form: OpenAI's `{type: "function", function: {name,
 * parameters}}`, or `{name, parameters}` (BFCL's `function` list, MCP without `inputSchema`...);
 * MCP's `inputSchema` is read as the parameters. Undefined when the value is not such a list.
 */
export function readToolDefinitions(value: unknown): ToolDefinition[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const tools: ToolDefinition[] = [];
  for (const item of value) {
    if (!isRecord(item)) return undefined;
    const inner = isRecord(item.function) ? item.function : item;
    if (typeof inner.name !== "string") return undefined;
    const parameters = inner.parameters ?? inner.inputSchema ?? inner.input_schema;
    tools.push({ name: inner.name, parameters: isRecord(parameters) ? parameters : undefined });
  }
  return tools;
}

/** Compiled argument validators by tool name, for one tool list. */
export class ToolValidators {
  readonly #ajv = new Ajv({ allErrors: false, strict: false });
  readonly #validators = new Map<string, ValidateFunction | null>();

  constructor(
    readonly tools: readonly ToolDefinition[],
    readonly closed: boolean,
  ) {}

  has(name: string): boolean {
    return this.tools.some((tool) => tool.name === name);
  }

  /** Why the arguments do not fit the tool's schema, or undefined when they do (or it has none). */
  check(name: string, args: Record<string, unknown>): string | undefined {
    let validate = this.#validators.get(name);
    if (validate === undefined) {
      const tool = this.tools.find((each) => each.name === name);
      validate = null;
      if (tool?.parameters) {
        try {
          validate = this.#ajv.compile(toJsonSchema(tool.parameters, this.closed) as object);
        } catch (error) {
          return `the schema of "${name}" cannot be compiled: ${(error as Error).message}`;
        }
      }
      this.#validators.set(name, validate);
    }
    if (validate === null || validate(args)) return undefined;
    const error = validate.errors?.[0];
    if (!error) return "invalid arguments";
    const params = error.params as { missingProperty?: string; additionalProperty?: string };
    if (params.missingProperty !== undefined) return `missing required argument "${params.missingProperty}"`;
    if (params.additionalProperty !== undefined) return `unknown argument "${params.additionalProperty}"`;
    return `argument ${error.instancePath || "(root)"} ${error.message ?? "is invalid"}`;
  }
}
