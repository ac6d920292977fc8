import { readPath } from "../engine/index.js";

/** What a label field may hold: true/false, 1/0, or those words as strings. */
export function readLabel(value: unknown): boolean | undefined {
  if (value === true || value === 1) return true;
  if (value === false || value === 0) return false;
  if (typeof value === "string") {
    const word = value.trim().toLowerCase();
    if (word === "true" || word === "1") return true;
    if (word === "false" || word === "0") return false;
  }
  return undefined;
}

/** One disagreement (or error) shown as an example: where, what the reward said, and why. */
export interface AuditExample {
  row: string;
  reward: number;
  label: boolean | undefined;
  reason?: string;
  error?: { code: string; message: string };
  completion?: string;
}

/** Counts of one confusion matrix (the reward's verdict `reward >= threshold` against the label). */
export class Confusion {
  truePositives = 0;
  trueNegatives = 0;
  falsePositives = 0;
  falseNegatives = 0;
  errors = 0;

  add(label: boolean, accepted: boolean): void {
    if (label && accepted) this.truePositives++;
    else if (label) this.falseNegatives++;
    else if (accepted) this.falsePositives++;
    else this.trueNegatives++;
  }

  get n(): number {
    return this.truePositives + this.trueNegatives + this.falsePositives + this.falseNegatives;
  }

  /**
   * The figures; a rate whose denominator is empty (no negative label, say) is null, never 0.
   * The false-positive rate is over the rows labelled false, the false-negative rate over those
   * labelled true.
   */
  toJSON() {
    const ratio = (top: number, bottom: number) => (bottom === 0 ? null : top / bottom);
    const positives = this.truePositives + this.falseNegatives;
    const negatives = this.trueNegatives + this.falsePositives;
    return {
      n: this.n,
      accuracy: ratio(this.truePositives + this.trueNegatives, this.n),
      true_positives: this.truePositives,
      true_negatives: this.trueNegatives,
      false_positives: this.falsePositives,
      false_negatives: this.falseNegatives,
      false_positive_rate: ratio(this.falsePositives, negatives),
      false_negative_rate: ratio(this.falseNegatives, positives),
      precision: ratio(this.truePositives, this.truePositives + this.falsePositives),
      labelled_true: positives,
      labelled_false: negatives,
      errors: this.errors,
    };
  }
}

export interface AuditOptions {
  label: string;
  threshold: number;
  by?: string | undefined;
  /** Examples kept of each kind (false positives, false negatives, errors). */
  examples: number;
  /** Where the completion is in a row (a `--map` source), for the examples. */
  completion?: string | undefined;
}

/** A scored row as `score` writes it: the row in plus `reward`, `reason`, `error`. */
type ScoredRow = Record<string, unknown>;

/**
 * The audit of a reward against labels, row by row: the overall confusion matrix, one per value
 * of `by`, errored rows counted apart (an error is not a verdict), and the first examples of each
 * kind of disagreement with the reward's reason.
 */
export class AuditTally {
  readonly overall = new Confusion();
  readonly groups = new Map<string, Confusion>();
  readonly errorsByCode = new Map<string, number>();
  unlabelled = 0;
  readonly unlabelledExamples: string[] = [];
  readonly examples = {
    false_positives: [] as AuditExample[],
    false_negatives: [] as AuditExample[],
    errors: [] as AuditExample[],
  };

  constructor(readonly options: AuditOptions) {}

  /** Adds one scored row; `where` names it in examples (its id, else its position). */
  add(row: ScoredRow, where: string): void {
    const raw = readPath(row, this.options.label);
    const label = readLabel(raw);
    const reward = typeof row.reward === "number" ? row.reward : Number.NaN;
    const error = readError(row.error);
    if (label === undefined && !error) {
      this.unlabelled++;
      if (this.unlabelledExamples.length < 5) {
        this.unlabelledExamples.push(
          `${where}: ${raw === undefined ? "no field" : `${JSON.stringify(raw)?.slice(0, 40)} is not true/false or 1/0`}`,
        );
      }
      return;
    }
    const group = this.#group(row);
    if (error) {
      this.overall.errors++;
      if (group) group.errors++;
      this.errorsByCode.set(error.code, (this.errorsByCode.get(error.code) ?? 0) + 1);
      this.#keep("errors", { row: where, reward, label, error, ...describe(row, this.options.completion) });
      return;
    }
    const accepted = reward >= this.options.threshold;
    this.overall.add(label as boolean, accepted);
    group?.add(label as boolean, accepted);
    if (accepted && label === false)
      this.#keep("false_positives", { row: where, reward, label, ...describe(row, this.options.completion) });
    if (!accepted && label === true)
      this.#keep("false_negatives", { row: where, reward, label, ...describe(row, this.options.completion) });
  }

  #group(row: ScoredRow): Confusion | undefined {
    if (this.options.by === undefined) return undefined;
    const value = readPath(row, this.options.by);
    const key =
      value === undefined || value === null
        ? "(none)"
        : typeof value === "string"
          ? value
          : JSON.stringify(value);
    let group = this.groups.get(key);
    if (!group) {
      group = new Confusion();
      this.groups.set(key, group);
    }
    return group;
  }

  #keep(kind: keyof AuditTally["examples"], example: AuditExample): void {
    const list = this.examples[kind];
    if (list.length < this.options.examples) list.push(example);
  }

  toJSON() {
    return {
      label: this.options.label,
      threshold: this.options.threshold,
      ...this.overall.toJSON(),
      errors_by_code: Object.fromEntries(this.errorsByCode),
      unlabelled: this.unlabelled,
      ...(this.options.by === undefined
        ? {}
        : {
            by: {
              field: this.options.by,
              groups: [...this.groups]
                .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
                .map(([group, confusion]) => ({ group, ...confusion.toJSON() })),
            },
          }),
      examples: this.examples,
    };
  }
}

function readError(value: unknown): { code: string; message: string } | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { code, message } = value as { code?: unknown; message?: unknown };
  return { code: String(code ?? "ERROR"), message: String(message ?? "") };
}

/** The reward's reason and the end of the completion (where answers are), shortened. */
function describe(row: ScoredRow, field = "completion"): Pick<AuditExample, "reason" | "completion"> {
  const out: Pick<AuditExample, "reason" | "completion"> = {};
  if (typeof row.reason === "string") out.reason = shorten(row.reason, 300);
  const completion = readPath(row, field);
  const text =
    typeof completion === "string"
      ? completion
      : Array.isArray(completion)
        ? String((completion.at(-1) as { content?: unknown } | undefined)?.content ?? "")
        : undefined;
  if (text !== undefined) out.completion = text.length > 160 ? `…${text.slice(-160)}` : text;
  return out;
}

function shorten(text: string, size: number): string {
  return text.length <= size ? text : `${text.slice(0, size)}…`;
}
