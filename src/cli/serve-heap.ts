import { setFlagsFromString } from "node:v8";

/** The V8 flag that keeps allocation-site pretenuring on, for someone who wants V8's default back. */
export const keepPretenuringFlag = "--allocation-site-pretenuring";

/**
 * Turns off V8's allocation-site pretenuring in a `rewardkit serve` process (each cluster worker
 * runs this too), unless node was started with `--allocation-site-pretenuring`.
 *
 * Why: under the batched load (256 rollouts per `/v1/score`), V8 saw objects from one per-request
 * allocation site still alive at every scavenge, because the request was still in flight. It then
 * allocated that site's objects straight in old space. Each of those objects, dead a millisecond
 * later, kept the young objects it pointed to alive until the next mark-compact: the parsed body
 * and the results, hundreds of KB per scavenge.
 *
 * Measured on this machine (docs/BENCHMARKS.md, "At the bare ceiling"):
 * - about 98% of the scavenged bytes were promoted, with a mark-compact every ~250 ms;
 * - ~80 µs per request went to V8's GC helper threads;
 * - with pretenuring off, the batched server answered 13% more requests per second.
 *
 * The single-rollout load neither gains nor loses from it.
 *
 * Returns whether it turned pretenuring off.
 */
export function turnOffPretenuringForServing(execArgv: readonly string[] = process.execArgv): boolean {
  if (execArgv.includes(keepPretenuringFlag)) return false;
  setFlagsFromString("--no-allocation-site-pretenuring");
  return true;
}
