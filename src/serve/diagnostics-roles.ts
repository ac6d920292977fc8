import type { HackingRoles } from "../diagnose/index.js";

const judgeTypes = new Set(["judge", "pairwise_judge", "listwise_judge", "mpo_judge", "listener", "flr"]);
const verifierTypes = new Set([
  "math",
  "exact_match",
  "code",
  "tool_call",
  "multiple_choice",
  "numeric",
  "iou",
]);
const formatTypes = new Set(["regex", "json_schema", "tags"]);

interface NodeSeen {
  type: string;
  name: string | undefined;
}

/**
 * The components' roles for the reward-hacking flags, read from the spec: explicit `roles` win;
 * otherwise format-only nodes (regex, json_schema, tags) are the format components, a single judge
 * node and a single verifier node form the judge–verifier pair, and a `weighted` root's named terms
 * give the weights. Only nodes with an explicit `name` can be matched to their components (default
 * names are assigned at compile time); the flags fall back to their own defaults otherwise.
 */
export function rolesFromSpec(reward: unknown, explicit: HackingRoles | undefined): HackingRoles {
  const nodes: NodeSeen[] = [];
  walk(reward, nodes);
  const named = (types: ReadonlySet<string>) =>
    nodes
      .filter((node) => types.has(node.type) && node.name !== undefined)
      .map((node) => node.name as string);
  const roles: HackingRoles = {};
  const formats = named(formatTypes);
  if (formats.length > 0) roles.format = formats;
  const judges = named(judgeTypes);
  const verifiers = named(verifierTypes);
  if (judges.length === 1 && verifiers.length === 1) {
    roles.judge = judges[0] as string;
    roles.verifier = verifiers[0] as string;
  }
  const weights = rootWeights(reward);
  if (weights) roles.weights = weights;
  return { ...roles, ...definedOnly(explicit ?? {}) };
}

function walk(node: unknown, out: NodeSeen[]): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, out);
    return;
  }
  if (typeof node !== "object" || node === null) return;
  const record = node as Record<string, unknown>;
  if (typeof record.type === "string") {
    out.push({ type: record.type, name: typeof record.name === "string" ? record.name : undefined });
  }
  for (const value of Object.values(record)) if (typeof value === "object") walk(value, out);
}

function rootWeights(reward: unknown): Record<string, number> | undefined {
  const root = reward as { type?: unknown; terms?: unknown };
  if (root?.type !== "weighted" || !Array.isArray(root.terms)) return undefined;
  const weights: Record<string, number> = {};
  for (const term of root.terms as Array<{ weight?: unknown; reward?: { name?: unknown } }>) {
    if (typeof term?.weight !== "number" || typeof term.reward?.name !== "string") return undefined;
    weights[term.reward.name] = term.weight;
  }
  return weights;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>;
}
