/** BFCL's possible answers: per call, each parameter's allowed values (`""` = may be left out). */
export type GroundTruth = Record<string, Record<string, unknown[]>>[];

/** A correct call list from BFCL's ground truth: the first allowed value, optional ones left out. */
export function goldCalls(groundTruth: GroundTruth): { name: string; arguments: Record<string, unknown> }[] {
  return groundTruth.map((call) => {
    const [name, parameters] = Object.entries(call)[0] as [string, Record<string, unknown[]>];
    const args: Record<string, unknown> = {};
    for (const [parameter, allowed] of Object.entries(parameters)) {
      if (allowed.includes("")) continue;
      args[parameter] = firstAllowed(allowed[0]);
    }
    return { name, arguments: args };
  });
}

function firstAllowed(value: unknown): unknown {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown[]>)
        .filter(([, options]) => !options.includes(""))
        .map(([key, options]) => [key, firstAllowed(options[0])]),
    );
  }
  return value;
}

/** A JSON value as a Python literal. */
function python(value: unknown): string {
  if (value === null) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (Array.isArray(value)) return `[${value.map(python).join(", ")}]`;
  if (typeof value === "object") {
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([key, item]) => `${JSON.stringify(key)}: ${python(item)}`)
      .join(", ")}}`;
  }
  return JSON.stringify(value);
}

export function asPython(calls: ReturnType<typeof goldCalls>): string {
  const written = calls.map(
    (call) =>
      `${call.name}(${Object.entries(call.arguments)
        .map(([key, value]) => `${key}=${python(value)}`)
        .join(", ")})`,
  );
  return `[${written.join(", ")}]`;
}
