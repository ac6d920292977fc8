import { describe, expect, it } from "vitest";
import { InFlightScopes } from "./in-flight-scopes.js";

const entry = (name: string) => ({ name, inFlightSlot: -1 });

describe("InFlightScopes", () => {
  it("adds, removes from the middle, the end and the front, and counts what is left", () => {
    const scopes = new InFlightScopes<ReturnType<typeof entry>>();
    const [a, b, c, d] = ["a", "b", "c", "d"].map(entry) as [
      ReturnType<typeof entry>,
      ReturnType<typeof entry>,
      ReturnType<typeof entry>,
      ReturnType<typeof entry>,
    ];
    for (const scope of [a, b, c, d]) scopes.add(scope);
    scopes.add(b); // twice: still once
    expect(scopes.size).toBe(4);
    expect(scopes.delete(b)).toBe(true); // d takes b's place
    expect([...scopes].map((scope) => scope.name)).toEqual(["a", "d", "c"]);
    expect(scopes.delete(b)).toBe(false);
    expect(b.inFlightSlot).toBe(-1);
    expect(scopes.delete(c)).toBe(true); // the last one
    expect(scopes.delete(a)).toBe(true); // the first one
    expect([...scopes].map((scope) => scope.name)).toEqual(["d"]);
    expect(d.inFlightSlot).toBe(0);
    expect(scopes.size).toBe(1);
  });

  it("refuses an entry of another registry, and walks a snapshot while entries leave", () => {
    const one = new InFlightScopes<ReturnType<typeof entry>>();
    const other = new InFlightScopes<ReturnType<typeof entry>>();
    const a = entry("a");
    const b = entry("b");
    one.add(a);
    other.add(b); // slot 0 in the other registry
    expect(one.delete(b)).toBe(false);
    expect(one.size).toBe(1);
    other.add(entry("c"));
    const seen: string[] = [];
    for (const scope of other) {
      seen.push(scope.name);
      other.delete(scope);
    }
    expect(seen).toEqual(["b", "c"]);
    expect(other.size).toBe(0);
  });
});
