import { RewardkitError } from "../core/index.js";
import { type CasBackend, CasStateStore } from "./cas-state-store.js";
import { askPrimary, type PrimaryHandler } from "./cluster-ipc.js";

/** One state operation a worker sends to the primary. */
type StateOperation =
  | { op: "read"; hash: string; field: string }
  | { op: "write"; hash: string; field: string; text: string | null }
  | { op: "cas"; hash: string; field: string; previous: string | null; next: string }
  | { op: "readAll"; hash: string };

/**
 * The per-run state of `rewardkit serve --workers N` with `--state memory`, held by the cluster
 * primary so every worker sees one run's state: the primary runs one message at a time, so its
 * compare-and-set is atomic, and workers update by the same optimistic protocol as with Redis.
 */
export class ClusterStateHost {
  readonly #hashes = new Map<string, Map<string, string>>();

  readonly handler: PrimaryHandler = (payload) => this.#apply(payload as StateOperation);

  #apply(operation: StateOperation): string | null | boolean | Record<string, string> | undefined {
    const fields = this.#hashes.get(operation.hash);
    switch (operation.op) {
      case "read":
        return fields?.get(operation.field) ?? null;
      case "readAll":
        return Object.fromEntries(fields ?? []);
      case "write":
        if (operation.text === null) fields?.delete(operation.field);
        else this.#fields(operation.hash).set(operation.field, operation.text);
        return undefined;
      case "cas": {
        const current = fields?.get(operation.field) ?? null;
        if (current !== operation.previous) return false;
        this.#fields(operation.hash).set(operation.field, operation.next);
        return true;
      }
      default:
        throw new RewardkitError("STATE_ERROR", `unknown state operation ${JSON.stringify(operation)}`);
    }
  }

  #fields(hash: string): Map<string, string> {
    let fields = this.#hashes.get(hash);
    if (!fields) {
      fields = new Map();
      this.#hashes.set(hash, fields);
    }
    return fields;
  }
}

export const clusterStateTopic = "state";

/** In a worker: per-run state kept by the primary (see ClusterStateHost). */
export function clusterStateStore(): CasStateStore {
  const ask = <T>(operation: StateOperation) => askPrimary<T>(clusterStateTopic, operation);
  const backend: CasBackend = {
    read: (hash, field) => ask<string | null>({ op: "read", hash, field }),
    write: async (hash, field, text) => {
      await ask<undefined>({ op: "write", hash, field, text });
    },
    compareAndSet: (hash, field, previous, next) => ask<boolean>({ op: "cas", hash, field, previous, next }),
    readAll: (hash) => ask<Record<string, string>>({ op: "readAll", hash }),
  };
  return new CasStateStore(backend);
}
