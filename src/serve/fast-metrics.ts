/**
 * Hot-path metrics that prom-client's registry can print. prom-client hashes the label set on every
 * observation (a fifth of the server's CPU at 200k samples/s in bench/server); these keep one
 * series object per label value and only touch numbers when observing.
 */

interface MetricValue {
  value: number;
  labels: Record<string, string | number>;
  metricName?: string;
}

abstract class FastMetric<Series> {
  readonly name: string;
  readonly help: string;
  readonly aggregator = "sum";
  protected readonly series = new Map<string, Series>();
  protected readonly labelNames: readonly string[];

  constructor(options: { name: string; help: string; labelNames?: readonly string[] }) {
    this.name = options.name;
    this.help = options.help;
    this.labelNames = options.labelNames ?? [];
  }

  abstract readonly type: "counter" | "histogram";
  protected abstract values(): MetricValue[];
  protected abstract create(): Series;

  /** The series for these label values (in `labelNames` order); keep it for repeated use. */
  labels(...values: string[]): Series {
    const key = values.join("\u0000");
    let series = this.series.get(key);
    if (!series) {
      series = this.create();
      this.series.set(key, series);
    }
    return series;
  }

  protected labelsOf(key: string): Record<string, string> {
    const parts = key.split("\u0000");
    return Object.fromEntries(this.labelNames.map((name, index) => [name, parts[index] ?? ""]));
  }

  /** What prom-client's Registry reads when it prints metrics. */
  get(): { name: string; help: string; type: string; aggregator: string; values: MetricValue[] } {
    return {
      name: this.name,
      help: this.help,
      type: this.type,
      aggregator: this.aggregator,
      values: this.values(),
    };
  }

  reset(): void {
    this.series.clear();
  }
}

export class FastCounter extends FastMetric<{ value: number }> {
  readonly type = "counter";

  inc(amount = 1, ...labelValues: string[]): void {
    this.labels(...labelValues).value += amount;
  }

  protected create(): { value: number } {
    return { value: 0 };
  }

  protected values(): MetricValue[] {
    return [...this.series].map(([key, series]) => ({ value: series.value, labels: this.labelsOf(key) }));
  }
}

export class HistogramSeries {
  readonly counts: Float64Array;
  sum = 0;
  count = 0;
  /** The last value observed and its bucket: rewards repeat (0, 1, 0.2…), so most lookups are this. */
  #lastValue = Number.NaN;
  #lastBucket = -1;

  constructor(private readonly bounds: readonly number[]) {
    this.counts = new Float64Array(bounds.length);
  }

  observe(value: number): void {
    this.sum += value;
    this.count++;
    if (value === this.#lastValue) {
      if (this.#lastBucket >= 0) (this.counts[this.#lastBucket] as number)++;
      return;
    }
    const bounds = this.bounds;
    let bucket = -1;
    for (let index = 0; index < bounds.length; index++) {
      if (value <= (bounds[index] as number)) {
        bucket = index;
        break;
      }
    }
    this.#lastValue = value;
    this.#lastBucket = bucket;
    if (bucket >= 0) (this.counts[bucket] as number)++;
  }
}

export class FastHistogram extends FastMetric<HistogramSeries> {
  readonly type = "histogram";
  readonly #bounds: readonly number[];

  constructor(options: {
    name: string;
    help: string;
    labelNames?: readonly string[];
    buckets: readonly number[];
  }) {
    super(options);
    this.#bounds = [...options.buckets].sort((a, b) => a - b);
  }

  protected create(): HistogramSeries {
    return new HistogramSeries(this.#bounds);
  }

  protected values(): MetricValue[] {
    const out: MetricValue[] = [];
    for (const [key, series] of this.series) {
      const labels = this.labelsOf(key);
      let cumulative = 0;
      this.#bounds.forEach((bound, index) => {
        cumulative += series.counts[index] as number;
        out.push({ value: cumulative, labels: { ...labels, le: bound }, metricName: `${this.name}_bucket` });
      });
      out.push({ value: series.count, labels: { ...labels, le: "+Inf" }, metricName: `${this.name}_bucket` });
      out.push({ value: series.sum, labels, metricName: `${this.name}_sum` });
      out.push({ value: series.count, labels, metricName: `${this.name}_count` });
    }
    return out;
  }
}
