import { stackRows } from "../agents/encoding.js";

/**
 * Collects (s, s′, a) transitions until `size`, then hands them over as one row-major batch (E3B's
 * inverse-dynamics encoder trains on each batch).
 */
export function transitionBatch(size: number) {
  let before: Float64Array[] = [];
  let after: Float64Array[] = [];
  let actions: number[] = [];
  return {
    add(first: Float64Array, second: Float64Array, action: number) {
      before.push(first);
      after.push(second);
      actions.push(action);
    },
    get full() {
      return actions.length >= size;
    },
    take() {
      const width = before[0]?.length ?? 0;
      const batch = {
        before: stackRows(before, width),
        after: stackRows(after, width),
        actions: Int32Array.from(actions),
        rows: actions.length,
      };
      before = [];
      after = [];
      actions = [];
      return batch;
    },
  };
}
