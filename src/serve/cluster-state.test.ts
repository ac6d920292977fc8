import type { Worker } from "node:cluster";
import { describe, expect, it } from "vitest";
import { type CasBackend, CasStateStore } from "./cas-state-store.js";
import { ClusterStateHost } from "./cluster-state.js";

/** Two "workers" talking to one host, each answer a macrotask later (as over IPC). */
function workerStores(host: ClusterStateHost, count: number): CasStateStore[] {
  const ask = <T>(operation: Record<string, unknown>) =>
    new Promise<T>((resolve) =>
      setImmediate(() => resolve(host.handler(operation, undefined as unknown as Worker) as T)),
    );
  const backend: CasBackend = {
    read: (hash, field) => ask({ op: "read", hash, field }),
    write: (hash, field, text) => ask({ op: "write", hash, field, text }),
    compareAndSet: (hash, field, previous, next) => ask({ op: "cas", hash, field, previous, next }),
    readAll: (hash) => ask({ op: "readAll", hash }),
  };
  return Array.from({ length: count }, () => new CasStateStore(backend));
}

describe("per-run state kept by the cluster primary", () => {
  it("compare-and-set writes only over the value the writer read", () => {
    const host = new ClusterStateHost();
    const apply = (operation: Record<string, unknown>) =>
      host.handler(operation, undefined as unknown as Worker);
    expect(apply({ op: "cas", hash: "h", field: "n", previous: null, next: "1" })).toBe(true);
    expect(apply({ op: "cas", hash: "h", field: "n", previous: null, next: "5" })).toBe(false);
    expect(apply({ op: "cas", hash: "h", field: "n", previous: "1", next: "2" })).toBe(true);
    expect(apply({ op: "read", hash: "h", field: "n" })).toBe("2");
    apply({ op: "write", hash: "h", field: "n", text: null });
    expect(apply({ op: "read", hash: "h", field: "n" })).toBeNull();
    expect(() => apply({ op: "drop", hash: "h" })).toThrow(/unknown state operation/);
  });

  it("concurrent updates from several workers lose nothing and never interleave", async () => {
    const host = new ClusterStateHost();
    const [first, second] = workerStores(host, 2) as [CasStateStore, CasStateStore];
    const values = await Promise.all(
      Array.from({ length: 200 }, (_, index) =>
        (index % 2 === 0 ? first : second)
          .forRun("run")
          .update<number>("n", (previous) => (previous ?? 0) + 1),
      ),
    );
    expect(await first.forRun("run").get("n")).toBe(200);
    expect(new Set(values).size).toBe(200);
    await second.forRun("run").set("weights", { lambda: 0.5 });
    expect(await first.snapshot("run")).toEqual({ n: 200, weights: { lambda: 0.5 } });
    expect(await first.snapshot("other")).toEqual({});
  });
});
