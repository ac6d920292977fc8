import { fingerprint } from "./cache.js";
import { RewardkitError } from "./errors.js";
import { guard } from "./guard.js";
import type { CompileTools } from "./node.js";
import type { NodeRegistry } from "./registry.js";
import type { Reward } from "./reward.js";
import { joinPath } from "./spec-path.js";
import { didYouMean } from "./suggest.js";

export interface CompileOptions {
  registry: NodeRegistry;
  /** Relative paths in the spec (module files, model files) resolve against this directory. */
  baseDir?: string;
  /** Where the node sits in the whole spec (default `reward`). */
  path?: string;
}

export interface CompiledReward {
  readonly reward: Reward;
  /** Component names in tree order, so reports list them stably. */
  readonly componentNames: readonly string[];
  /** Whether some node compares samples within their group, so batches must hold whole groups. */
  readonly usesGroups: boolean;
  close(): Promise<void>;
}

/**
 * Compiles a node spec into a Reward tree. Every node is validated against its own schema, so an
 * error names the full path of the bad field (`reward.terms[0].weight: expected number, ...`).
 */
export async function compileReward(spec: unknown, options: CompileOptions): Promise<CompiledReward> {
  const usedNames = new Set<string>();
  // Explicit names are reserved up front so a default name never takes one a later node asked for.
  const reservedNames = collectExplicitNames(spec);
  const componentNames: string[] = [];
  const closers: Array<() => Promise<void>> = [];
  let usesGroups = false;
  const baseDir = options.baseDir ?? process.cwd();

  async function compileNode(nodeSpec: unknown, path: string, isRoot: boolean): Promise<Reward> {
    if (typeof nodeSpec !== "object" || nodeSpec === null || Array.isArray(nodeSpec)) {
      throw new RewardkitError("SPEC_INVALID", "expected a node object with a `type`", { path });
    }
    const type = (nodeSpec as { type?: unknown }).type;
    if (typeof type !== "string") {
      throw new RewardkitError("SPEC_INVALID", "expected a string naming the node type", {
        path: joinPath(path, "type"),
      });
    }
    const definition = options.registry[type];
    if (!definition) {
      const known = Object.keys(options.registry).sort().join(", ");
      const hint = didYouMean(type, Object.keys(options.registry));
      throw new RewardkitError("SPEC_INVALID", `unknown node type "${type}"${hint} (known: ${known})`, {
        path: joinPath(path, "type"),
      });
    }
    const parsed = definition.parse(nodeSpec, path);
    if (definition.groupwise) usesGroups = true;
    const name = claimName(parsed.name, type, path);
    let childCount = 0;
    const tools: CompileTools = {
      name,
      path,
      baseDir,
      stateKey: `node:${path}`,
      child: (childSpec, relativePath) => {
        childCount++;
        return compileNode(childSpec, joinPath(path, relativePath), false);
      },
    };
    const implementation = await definition.create(parsed, tools);
    if (implementation.close) closers.push(implementation.close);
    const isComposite = childCount > 0;
    const cacheOn = parsed.cache ?? definition.cacheByDefault;
    return guard(implementation, {
      name,
      path,
      onError: parsed.on_error,
      timeoutMs: parsed.timeout_ms,
      retries: parsed.retries,
      cacheFingerprint: cacheOn ? fingerprint({ ...parsed, name: undefined }) : undefined,
      // A composite root's score is the row's `reward`; repeating it as a component adds nothing.
      reportSelf: !(isRoot && isComposite),
    });
  }

  function claimName(explicit: string | undefined, type: string, path: string): string {
    if (explicit !== undefined) {
      if (explicit === "__proto__") {
        // An object key of that name sets the prototype: the component would vanish from every result.
        const message = 'the name "__proto__" cannot name a component; choose another';
        throw new RewardkitError("SPEC_INVALID", message, { path: joinPath(path, "name") });
      }
      if (usedNames.has(explicit)) {
        throw new RewardkitError("SPEC_INVALID", `the name "${explicit}" is used by two nodes`, {
          path: joinPath(path, "name"),
        });
      }
      usedNames.add(explicit);
      componentNames.push(explicit);
      return explicit;
    }
    let name = type;
    for (let suffix = 2; usedNames.has(name) || reservedNames.has(name); suffix++) name = `${type}_${suffix}`;
    usedNames.add(name);
    componentNames.push(name);
    return name;
  }

  const reward = await compileNode(spec, options.path ?? "reward", true);
  return {
    reward,
    componentNames,
    usesGroups,
    close: async () => {
      await Promise.allSettled(closers.map((close) => close()));
    },
  };
}

/** Every `name` given to an object that has a string `type`, anywhere in the tree. */
function collectExplicitNames(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) collectExplicitNames(item, into);
  } else if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    if (typeof record.type === "string" && typeof record.name === "string") into.add(record.name);
    for (const entry of Object.values(record)) collectExplicitNames(entry, into);
  }
  return into;
}
