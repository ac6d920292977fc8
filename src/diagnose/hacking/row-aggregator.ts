import { completionText, type Message, promptText } from "../../core/index.js";
import {
  addGroup,
  defaultObserveOptions,
  type Observation,
  type ObserveOptions,
  observeOne,
} from "./observe.js";
import { emptyStepAggregate, type StepAggregate } from "./step-aggregate.js";
import type { TextSignals, TextThresholds } from "./text/text-signals.js";

/** A row's text checks run earlier, with the thresholds they were run with. */
export interface PrecomputedText {
  signals: TextSignals;
  thresholds: TextThresholds;
}

/** Where a scored row keeps what the detectors read (dot paths). */
export interface HackingRowFields {
  step: string;
  reward: string;
  components: string;
  group: string;
  /** The held-out gold probe's score (absent on rows that were not probed). */
  gold: string;
  /** KL to the reference policy, when the trainer logged it. */
  kl: string;
  /** A measured length (tokens); default: the completion's words. */
  length?: string | undefined;
}

export const defaultRowFields: HackingRowFields = {
  step: "step",
  reward: "reward",
  components: "components",
  group: "group",
  gold: "meta.gold",
  kl: "meta.kl",
};

/** Why a row was left out of the diagnosis (counted, and named for the first few rows). */
export type RowVerdict = { used: true } | { used: false; reason: "no_step" | "no_reward" | "errored" };

/**
 * Folds scored rows (as `rewardkit score` writes them, with a training step) into per-step
 * aggregates for {@link diagnoseHacking}: in any order, groups gathered across the file (only each
 * group's size and reward range is kept, so memory grows with groups, not rows). Rows with a
 * scoring `error` are left out — their reward is a node's `on_error` value, not a judgment.
 */
export class HackingRowAggregator {
  readonly #fields: HackingRowFields;
  readonly #observe: ObserveOptions;
  readonly #steps = new Map<number, StepAggregate>();
  readonly #groups = new Map<string, { step: number; n: number; min: number; max: number }>();
  readonly counts = { rows: 0, used: 0, no_step: 0, no_reward: 0, errored: 0 };

  constructor(options: { fields?: Partial<HackingRowFields>; observe?: Partial<ObserveOptions> } = {}) {
    this.#fields = { ...defaultRowFields, ...definedOnly(options.fields ?? {}) };
    this.#observe = { ...defaultObserveOptions, ...options.observe };
  }

  /**
   * Adds one row. `text`: the row's text checks when the caller already ran them (on the same
   * prompt and completion text); they replace running the checks again only when their thresholds
   * equal this aggregator's — different thresholds are an error, never silently mixed.
   */
  add(row: Record<string, unknown>, text?: PrecomputedText): RowVerdict {
    if (text && !sameThresholds(text.thresholds, this.#observe)) {
      throw new Error(
        `HackingRowAggregator.add: precomputed text signals use thresholds ${JSON.stringify(text.thresholds)}, ` +
          `the aggregator ngram ${this.#observe.ngram}, repetition ${this.#observe.repetition}, ` +
          `copyCoverage ${this.#observe.copyCoverage}`,
      );
    }
    this.counts.rows++;
    const fields = this.#fields;
    const step = toNumber(readField(row, fields.step));
    if (step === undefined) return this.#skip("no_step");
    if (row.error !== undefined && row.error !== null) return this.#skip("errored");
    const reward = toNumber(readField(row, fields.reward));
    if (reward === undefined) return this.#skip("no_reward");
    let aggregate = this.#steps.get(step);
    if (!aggregate) {
      aggregate = emptyStepAggregate(step);
      this.#steps.set(step, aggregate);
    }
    const observation: Observation = {
      prompt: textOf(row.prompt, "prompt"),
      completion: textOf(row.completion, "completion"),
      reward,
      components: numericRecord(readField(row, fields.components)),
      gold: toNumber(readField(row, fields.gold)),
      kl: toNumber(readField(row, fields.kl)),
      length: fields.length ? toNumber(readField(row, fields.length)) : undefined,
      textSignals: text?.signals,
    };
    observeOne(aggregate, observation, this.#observe);
    const group = readField(row, fields.group);
    if (group !== undefined && group !== null) {
      const key = `${step}\u0000${typeof group === "string" || typeof group === "number" ? group : JSON.stringify(group)}`;
      const seen = this.#groups.get(key);
      if (seen) {
        seen.n++;
        seen.min = Math.min(seen.min, reward);
        seen.max = Math.max(seen.max, reward);
      } else {
        this.#groups.set(key, { step, n: 1, min: reward, max: reward });
      }
    }
    this.counts.used++;
    return { used: true };
  }

  /** The per-step aggregates, with every group counted at its step. */
  aggregates(): StepAggregate[] {
    const out = new Map([...this.#steps].map(([step, aggregate]) => [step, structuredClone(aggregate)]));
    for (const group of this.#groups.values()) {
      const aggregate = out.get(group.step);
      if (aggregate) addGroup(aggregate, group);
    }
    return [...out.values()].sort((a, b) => a.step - b.step);
  }

  #skip(reason: "no_step" | "no_reward" | "errored"): RowVerdict {
    this.counts[reason]++;
    return { used: false, reason };
  }
}

function sameThresholds(a: TextThresholds, b: TextThresholds): boolean {
  return a.ngram === b.ngram && a.repetition === b.repetition && a.copyCoverage === b.copyCoverage;
}

/** Reads `a.b.c` from a row (undefined where the path breaks off). */
export function readField(row: Record<string, unknown>, path: string): unknown {
  let value: unknown = row;
  for (const key of path.split(".")) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function toNumber(value: unknown): number | undefined {
  const number = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof number === "number" && Number.isFinite(number) ? number : undefined;
}

function numericRecord(value: unknown): Record<string, number> | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const out: Record<string, number> = {};
  for (const [key, item] of Object.entries(value))
    if (typeof item === "number" && Number.isFinite(item)) out[key] = item;
  return out;
}

function textOf(value: unknown, kind: "prompt" | "completion"): string {
  if (typeof value === "string") return value;
  if (!Array.isArray(value)) return value === undefined || value === null ? "" : JSON.stringify(value);
  try {
    const messages = value as Message[];
    return kind === "prompt" ? promptText({ prompt: messages }) : completionText({ completion: messages });
  } catch {
    return JSON.stringify(value);
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>;
}
