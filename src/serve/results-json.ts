import type { RewardResult } from "../core/index.js";
import type { WireResult } from "./wire-results.js";

/**
 * The `/v1/score` reply as JSON text, byte for byte what `JSON.stringify` writes, in ~0.6 of its
 * time for the common result (`reward`, `components`, maybe `id`): those are written by hand, any
 * other result (a reason, an error, per-turn rewards) and every other key of the reply (advantages)
 * by `JSON.stringify`. Measured in docs/BENCHMARKS.md ("Reward server at the bare ceiling"):
 * Fastify's compiled serializer (fast-json-stringify) was no faster than `JSON.stringify` on this
 * shape, and coerces values (a string component becomes a number) where `JSON.stringify` does not.
 */
export class ResultsJson {
  /** Quoted component names with their colon; names are node names, so the map stays small (bounded anyway). */
  readonly #keys = new Map<string, string>();

  /** A reply whose `results` are wire results (as `toWireResult` builds them), its other keys as they are. */
  reply(reply: { readonly results: readonly WireResult[] } & object): string {
    let out = "{";
    for (const key in reply) {
      const value = (reply as Record<string, unknown>)[key];
      const text = key === "results" ? this.#results(value as readonly WireResult[]) : JSON.stringify(value);
      if (text === undefined) continue;
      out += `${out.length > 1 ? "," : ""}${JSON.stringify(key)}:${text}`;
    }
    return `${out}}`;
  }

  /**
   * `{"results": [...]}` straight from the engine's results, without a wire object per sample: the
   * same text as `reply({ results: results.map(toWire) })`. A result scored without incident is
   * written from its score, components and `id(index)`; any other goes through `toWire(index)`.
   */
  results(
    results: readonly RewardResult[],
    id: (index: number) => string | number | undefined,
    toWire: (index: number) => WireResult,
  ): string {
    let out = '{"results":[';
    for (let index = 0; index < results.length; index++) {
      const result = results[index] as RewardResult;
      if (index > 0) out += ",";
      if (plainResult(result)) {
        out += this.#write(result.score, result.components ?? emptyComponents, id(index));
      } else {
        const wire = toWire(index);
        out += isCommon(wire) ? this.#common(wire) : JSON.stringify(wire);
      }
    }
    return `${out}]}`;
  }

  #results(results: readonly WireResult[]): string {
    let out = "[";
    for (let index = 0; index < results.length; index++) {
      const result = results[index] as WireResult;
      if (index > 0) out += ",";
      out += isCommon(result) ? this.#common(result) : JSON.stringify(result);
    }
    return `${out}]`;
  }

  /** `toWireResult` puts `reward`, `components`, then `id` first: the order JSON.stringify keeps. */
  #common(result: WireResult): string {
    return this.#write(result.reward, result.components, result.id);
  }

  #write(reward: number, componentValues: object, id: string | number | undefined): string {
    let out = `{"reward":${number(reward)},"components":{`;
    let first = true;
    const components = componentValues as Record<string, unknown>;
    for (const key in components) {
      const value = components[key];
      const text = typeof value === "number" ? number(value) : JSON.stringify(value);
      if (text === undefined) continue;
      out += first ? this.#key(key) + text : `,${this.#key(key)}${text}`;
      first = false;
    }
    out += "}";
    if (id !== undefined) out += `,"id":${JSON.stringify(id)}`;
    return `${out}}`;
  }

  #key(key: string): string {
    let quoted = this.#keys.get(key);
    if (quoted === undefined) {
      quoted = `${JSON.stringify(key)}:`;
      if (this.#keys.size < 1024) this.#keys.set(key, quoted);
    }
    return quoted;
  }
}

const emptyComponents = Object.freeze({});

/** An engine result that `toWireResult` turns into a common wire result (reward, components, id). */
function plainResult(result: RewardResult): boolean {
  const components: unknown = result.components;
  return (
    typeof result.score === "number" &&
    (components === undefined ||
      (typeof components === "object" && components !== null && !Array.isArray(components))) &&
    result.reason === undefined &&
    result.error === undefined &&
    result.childErrors === undefined &&
    result.turnRewards === undefined &&
    result.stepRewards === undefined
  );
}

/** Only reward, components (a plain object) and id: the result of a sample scored without incident. */
function isCommon(result: WireResult): boolean {
  const components: unknown = result.components;
  return (
    typeof result.reward === "number" &&
    typeof components === "object" &&
    components !== null &&
    !Array.isArray(components) &&
    result.reason === undefined &&
    result.error === undefined &&
    result.turn_rewards === undefined &&
    result.step_rewards === undefined
  );
}

/**
 * As JSON.stringify writes a number: finite ones as JavaScript prints them, NaN and ±Infinity as
 * null. Most scores are small whole numbers (0, 1, counts), read from a table: V8 turns any number
 * into text in ~30 ns, a quarter of the common result's serialization (-0 prints "0" either way).
 */
function number(value: number): string {
  if (value >= 0 && value < smallWholeNumbers.length && (value | 0) === value)
    return smallWholeNumbers[value] as string;
  return Number.isFinite(value) ? `${value}` : "null";
}

const smallWholeNumbers = Array.from({ length: 1024 }, (_, value) => `${value}`);
