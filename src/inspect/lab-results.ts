import type { Dirent } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { RewardkitError } from "../core/index.js";

/** One lab run's `results.json` as the page shows it: curves and claims, with where it came from. */
export interface LabRun {
  file: string;
  experiment: string;
  seed: number | null;
  curves: Array<{
    method: string;
    /** The point field on the x axis and what it measures. */
    x: { key: string; label: string };
    y: Array<{ key: string; label: string }>;
    points: Array<Record<string, number>>;
  }>;
  claims: Array<{ claim: string; holds: boolean; evidence: Record<string, number> }>;
}

/**
 * Reads every `results.json` under `dir` (as `rewardkit lab --out` writes them, up to three folders
 * deep). A file that is not a lab result is an error naming it. KL curves (`kl`, `proxy`, `gold`)
 * plot proxy and gold over KL; measured curves plot `y` over `x` as they name them.
 */
export async function readLabRuns(dir: string): Promise<LabRun[]> {
  const files = await findResults(dir, 3);
  if (files.length === 0) {
    throw new RewardkitError(
      "INPUT_INVALID",
      `no results.json under ${dir} (rewardkit lab --out DIR writes one)`,
      {
        path: "--lab",
      },
    );
  }
  const runs: LabRun[] = [];
  for (const file of files.sort()) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(file, "utf8"));
    } catch (error) {
      throw new RewardkitError("INPUT_INVALID", `${file}: not JSON (${(error as Error).message})`, {
        path: file,
      });
    }
    runs.push(labRunOf(parsed, relative(dir, file) || file));
  }
  return runs;
}

async function findResults(dir: string, depth: number): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    throw new RewardkitError("INPUT_INVALID", `cannot read --lab ${dir}: ${(error as Error).message}`, {
      path: "--lab",
    });
  }
  const found: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isFile() && entry.name === "results.json") found.push(path);
    else if (entry.isDirectory() && depth > 0) found.push(...(await findResults(path, depth - 1)));
  }
  return found;
}

function labRunOf(value: unknown, file: string): LabRun {
  const record = (value ?? {}) as Record<string, unknown>;
  if (
    typeof record.experiment !== "string" ||
    !Array.isArray(record.curves) ||
    !Array.isArray(record.claims)
  ) {
    throw new RewardkitError(
      "INPUT_INVALID",
      `${file}: not a lab results.json (expected experiment, curves and claims)`,
      { path: file },
    );
  }
  const curves = (record.curves as Array<Record<string, unknown>>).map((curve, index) => {
    const points = Array.isArray(curve.points) ? (curve.points as Array<Record<string, number>>) : [];
    const kl = points.length > 0 && points.every((point) => typeof point.kl === "number");
    const method = `${String(curve.method ?? `curve ${index + 1}`)}${typeof curve.optimizer === "string" ? ` (${curve.optimizer})` : ""}`;
    return kl
      ? {
          method,
          x: { key: "kl", label: "KL (nats)" },
          y: [
            { key: "proxy", label: "proxy reward" },
            { key: "gold", label: "gold reward" },
          ],
          points,
        }
      : {
          method,
          x: { key: "x", label: typeof curve.x === "string" ? curve.x : "x" },
          y: [{ key: "y", label: typeof curve.y === "string" ? curve.y : "y" }],
          points,
        };
  });
  return {
    file,
    experiment: record.experiment,
    seed: typeof record.seed === "number" ? record.seed : null,
    curves,
    claims: (record.claims as LabRun["claims"]).map((claim) => ({
      claim: String(claim.claim),
      holds: claim.holds === true,
      evidence: claim.evidence ?? {},
    })),
  };
}
