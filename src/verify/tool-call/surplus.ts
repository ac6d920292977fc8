import type { ToolCall } from "./calls.js";
import type { ExpectedCall } from "./expected.js";
import { matchesAllowed, valuesEqual } from "./values.js";

/** What an answer does beyond what the reference asks for. */
export interface Surplus {
  /** Calls repeated with the same arguments more often than the reference has such a call. */
  duplicates: string[];
  /** Calls beyond the number the reference expects (duplicates aside). */
  extraCalls: string[];
  /** Arguments no expected call of that name has (`name.argument`). */
  extraArguments: string[];
}

function key(call: ToolCall): string {
  return `${call.name}\u0000${JSON.stringify(call.arguments, Object.keys(call.arguments).sort())}`;
}

/** Whether an expected call accepts the answer's call whole (name, every argument allowed, nothing more). */
function accepts(expected: ExpectedCall, call: ToolCall, alternatives: boolean): boolean {
  if (expected.name !== call.name) return false;
  const names = new Set(expected.parameters.map((parameter) => parameter.name));
  if (Object.keys(call.arguments).some((name) => !names.has(name))) return false;
  return expected.parameters.every((parameter) => {
    if (!(parameter.name in call.arguments)) return parameter.optional;
    const value = call.arguments[parameter.name];
    return parameter.allowed.some((option) =>
      alternatives ? matchesAllowed(value, option) : valuesEqual(value, option, false),
    );
  });
}

/**
 * The answer's surplus against the reference (issue 15 §3): spraying duplicate calls, calls nobody
 * asked for, and arguments no expected call has. ToolRL's fine-grained reward gives such answers
 * partial credit (a duplicated call still matches); the `tool_call` node refuses them by default.
 */
export function findSurplus(
  expected: readonly ExpectedCall[],
  predicted: readonly ToolCall[],
  alternatives: boolean,
): Surplus {
  const duplicates: string[] = [];
  const groups = new Map<string, ToolCall[]>();
  for (const call of predicted) groups.set(key(call), [...(groups.get(key(call)) ?? []), call]);
  let repeated = 0;
  for (const calls of groups.values()) {
    const call = calls[0] as ToolCall;
    const allowed = Math.max(1, expected.filter((each) => accepts(each, call, alternatives)).length);
    if (calls.length > allowed) {
      duplicates.push(`${call.name} ×${calls.length}`);
      repeated += calls.length - allowed;
    }
  }
  const extraCalls: string[] = [];
  const beyond = predicted.length - repeated - expected.length;
  if (beyond > 0) {
    // Name the calls whose name the reference has fewer of than the answer makes.
    const left = new Map<string, number>();
    for (const call of expected) left.set(call.name, (left.get(call.name) ?? 0) + 1);
    for (const call of predicted) {
      const count = left.get(call.name) ?? 0;
      if (count > 0) left.set(call.name, count - 1);
      else extraCalls.push(call.name);
    }
    if (extraCalls.length === 0) extraCalls.push(`${beyond} more call${beyond === 1 ? "" : "s"}`);
  }
  const extraArguments: string[] = [];
  for (const call of predicted) {
    const candidates = expected.filter((each) => each.name === call.name);
    if (candidates.length === 0) continue;
    for (const argument of Object.keys(call.arguments)) {
      const known = candidates.some((each) =>
        each.parameters.some((parameter) => parameter.name === argument),
      );
      if (!known && !extraArguments.includes(`${call.name}.${argument}`))
        extraArguments.push(`${call.name}.${argument}`);
    }
  }
  return { duplicates, extraCalls, extraArguments };
}
