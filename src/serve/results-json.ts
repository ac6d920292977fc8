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
  /**
   * The last few distinct results' texts. Rule-based rewards repeat: a 0/1 verifier and a format
   * bonus give four distinct results in all, whose text is then reused rather than built from ~8
   * pieces each (the server benchmark's 256-sample reply, flattened: 40 → 28 µs in process;
   * docs/BENCHMARKS.md). Rewards that never repeat (a reward model's scores) would pay for the
   * lookups; the memory steps aside for them (`#count`).
   */
  readonly #memory: RememberedResult[] = [];
  #nextSlot = 0;
  #lookedUp = 0;
  #found = 0;
  /** Results still to write without the memory, after a window where it seldom helped. */
  #unremembered = 0;
  readonly #scratchKeys: string[] = [];
  readonly #scratchValues: number[] = [];

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
    const components = componentValues as Record<string, unknown>;
    let body: string | undefined;
    if (this.#unremembered > 0) this.#unremembered--;
    else body = this.#remembered(reward, components);
    body ??= this.#body(reward, components);
    return id === undefined ? `${body}}` : `${body},"id":${JSON.stringify(id)}}`;
  }

  /**
   * The text of a result without its closing brace, `{"reward":…,"components":{…}`, from memory
   * when the same reward and components were written lately, else written and remembered;
   * undefined for components the memory does not keep (not all numbers, or very many).
   */
  #remembered(reward: number, components: Record<string, unknown>): string | undefined {
    const keys = this.#scratchKeys;
    const values = this.#scratchValues;
    let count = 0;
    for (const key in components) {
      const value = components[key];
      // Anything but a number (a user module's odd value) is written by #body alone.
      if (typeof value !== "number" || count === maxRememberedComponents) return undefined;
      keys[count] = key;
      values[count] = value;
      count++;
    }
    const memory = this.#memory;
    for (let slot = 0; slot < memory.length; slot++) {
      const entry = memory[slot] as RememberedResult;
      // Equal numbers by === print alike (0 and -0 both as "0"); NaN never matches, and is rebuilt.
      if (entry.reward !== reward || entry.count !== count) continue;
      let same = true;
      for (let position = 0; position < count && same; position++) {
        same = entry.keys[position] === keys[position] && entry.values[position] === values[position];
      }
      if (same) {
        this.#count(true);
        return entry.body;
      }
    }
    this.#count(false);
    const body = this.#body(reward, components);
    const entry =
      memory.length < rememberedResults
        ? (memory[memory.push({ reward, count: 0, keys: [], values: [], body }) - 1] as RememberedResult)
        : (memory[this.#nextSlot] as RememberedResult);
    this.#nextSlot = (this.#nextSlot + 1) % rememberedResults;
    entry.reward = reward;
    entry.count = count;
    for (let position = 0; position < count; position++) {
      entry.keys[position] = keys[position] as string;
      entry.values[position] = values[position] as number;
    }
    entry.body = body;
    return body;
  }

  /**
   * Keeps the memory only while it pays: over each 256 results looked up, if fewer than half were
   * found, the next 4,096 are written without it (a reward model's scores never repeat; looking
   * them up cost ~9% more per reply), then it is tried again.
   */
  #count(found: boolean): void {
    if (found) this.#found++;
    if (++this.#lookedUp < lookupWindow) return;
    if (this.#found * 2 < this.#lookedUp) this.#unremembered = restWithoutMemory;
    this.#found = 0;
    this.#lookedUp = 0;
  }

  /** `{"reward":…,"components":{…}` (no closing brace: the id may follow). */
  #body(reward: number, components: Record<string, unknown>): string {
    let out = `{"reward":${number(reward)},"components":{`;
    let first = true;
    for (const key in components) {
      const value = components[key];
      const text = typeof value === "number" ? number(value) : JSON.stringify(value);
      if (text === undefined) continue;
      out += first ? this.#key(key) + text : `,${this.#key(key)}${text}`;
      first = false;
    }
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

/** How many distinct results' texts are remembered, and up to how many components each. */
const rememberedResults = 8;
const maxRememberedComponents = 32;
const lookupWindow = 256;
const restWithoutMemory = 4096;

interface RememberedResult {
  reward: number;
  count: number;
  readonly keys: string[];
  readonly values: number[];
  body: string;
}

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
