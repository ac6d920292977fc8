import { dirname, resolve } from "node:path";
import { builtinEstimators } from "../advantage/estimators.js";
import {
  type AdvantageEstimator,
  type CompiledReward,
  compileAdvantage,
  compileReward,
  type EstimatorRegistry,
  type NodeRegistry,
  parseSpec,
  readSpecFile,
  type Spec,
  specIssueError,
} from "../core/index.js";
import { type DiagnosticsSection, diagnosticsSectionSchema } from "../diagnose/index.js";
import { builtinNodes } from "../nodes.js";

/** A spec ready to score: its reward tree and, when the spec has one, its advantage estimator. */
export interface LoadedSpec extends CompiledReward {
  readonly spec: Spec;
  readonly estimator: AdvantageEstimator | undefined;
  /** The `diagnostics` section (defaults filled in) and its compiled gold probe, when the spec has one. */
  readonly diagnostics?: { settings: DiagnosticsSection; gold: CompiledReward | undefined };
}

export interface LoadSpecOptions {
  baseDir?: string;
  registry?: NodeRegistry;
  estimators?: EstimatorRegistry;
}

/** Validates and compiles a spec object (already parsed from YAML/JSON). */
export async function loadSpec(value: unknown, options: LoadSpecOptions = {}): Promise<LoadedSpec> {
  const spec = parseSpec(value);
  const estimator =
    spec.advantage === undefined
      ? undefined
      : compileAdvantage(spec.advantage, options.estimators ?? builtinEstimators, "advantage");
  const registry = options.registry ?? builtinNodes;
  const baseDir = options.baseDir ?? process.cwd();
  let diagnostics: LoadedSpec["diagnostics"];
  if (spec.diagnostics !== undefined) {
    const parsed = diagnosticsSectionSchema.safeParse(spec.diagnostics, { reportInput: true });
    if (!parsed.success) throw specIssueError(parsed.error, "diagnostics", diagnosticsSectionSchema);
    const gold =
      parsed.data.gold === undefined
        ? undefined
        : await compileReward(parsed.data.gold, { registry, baseDir, path: "diagnostics.gold" });
    diagnostics = { settings: parsed.data, gold };
  }
  const compiled = await compileReward(spec.reward, { registry, baseDir, path: "reward" }).catch(
    async (error: unknown) => {
      await diagnostics?.gold?.close();
      throw error;
    },
  );
  if (!diagnostics) return { ...compiled, spec, estimator };
  const gold = diagnostics.gold;
  return {
    ...compiled,
    spec,
    estimator,
    diagnostics,
    async close() {
      await Promise.allSettled([compiled.close(), gold?.close()]);
    },
  };
}

/** Reads, validates and compiles a spec file; relative paths inside resolve against its folder. */
export async function loadSpecFile(
  file: string,
  options: Omit<LoadSpecOptions, "baseDir"> = {},
): Promise<LoadedSpec> {
  const value = await readSpecFile(file);
  return loadSpec(value, { ...options, baseDir: dirname(resolve(file)) });
}
