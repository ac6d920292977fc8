/**
 * `{ [name]: value }`, a node's own score under its name, as every scored sample of a node that
 * reports itself carries it. Written as a keyed store of the name on a fresh `{}`, V8 looks up the
 * map transition for that name on every sample; an object literal with the name spelt out has its
 * shape fixed once, like any literal in the source (the reward server's 256-sample batch: 5–11 µs
 * less engine time; docs/BENCHMARKS.md, "At the bare ceiling"). The literal is compiled once per
 * node, from the name as JSON text, which is a valid, fully escaped JavaScript string literal.
 * (A name `__proto__` — refused by the compiler anyway — gives `{}` either way: a number cannot
 * become a prototype.)
 */
export function selfComponentMaker(name: string): (value: number) => Record<string, number> {
  return new Function("value", `"use strict"; return { ${JSON.stringify(name)}: value };`) as (
    value: number,
  ) => Record<string, number>;
}
