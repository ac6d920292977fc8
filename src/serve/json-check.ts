import { RewardkitError } from "../core/index.js";

/** One object or array still to visit; the path is rebuilt from the parents only for an error. */
interface Pending {
  value: object;
  depth: number;
  parent: Pending | undefined;
  key: string | number;
}

/**
 * Checks a parsed request body in one iterative walk (so the check itself cannot overflow):
 * - refuses JSON nested deeper than `maxDepth`, naming where. V8 parses deep nesting without
 *   trouble, but recursive consumers (hashing for the cache, JSON.stringify of a reference, user
 *   modules) would overflow the stack; a clear 400 is better;
 * - drops keys named `__proto__`, which JSON.parse keeps as own properties: anything that merged
 *   the body into another object (`Object.assign`, spread into a literal) would set its prototype.
 */
export function checkJsonBody(value: unknown, maxDepth: number): void {
  if (typeof value !== "object" || value === null) return;
  const stack: Pending[] = [{ value, depth: 1, parent: undefined, key: "" }];
  while (stack.length > 0) {
    const pending = stack.pop() as Pending;
    const { value: current, depth } = pending;
    if (depth > maxDepth) {
      throw new RewardkitError("BAD_REQUEST", `JSON nested deeper than ${maxDepth} levels`, {
        path: formatDepthPath(pending),
      });
    }
    if (Array.isArray(current)) {
      for (let index = 0; index < current.length; index++) {
        const item: unknown = current[index];
        if (typeof item === "object" && item !== null)
          stack.push({ value: item, depth: depth + 1, parent: pending, key: index });
      }
    } else {
      for (const key in current) {
        if (key === "__proto__") {
          delete (current as Record<string, unknown>)[key];
          continue;
        }
        const item: unknown = (current as Record<string, unknown>)[key];
        if (typeof item === "object" && item !== null)
          stack.push({ value: item, depth: depth + 1, parent: pending, key });
      }
    }
  }
}

function formatDepthPath(pending: Pending): string {
  const path: (string | number)[] = [];
  for (let at: Pending | undefined = pending; at?.parent; at = at.parent) path.unshift(at.key);
  const shown = path.length > 12 ? [...path.slice(0, 6), "…", ...path.slice(-3)] : path;
  let out = "";
  for (const segment of shown) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out ? `.${segment}` : segment;
  }
  return out || "body";
}
