import type { Descriptor } from "./novelty.js";

/** One elite of a MAP-Elites archive. */
export interface Elite<Item> {
  item: Item;
  descriptor: Descriptor;
  fitness: number;
}

/**
 * MAP-Elites' archive (Mouret & Clune 2015): behaviour space cut into a regular grid of
 * `bins` per dimension between `low` and `high`; each cell keeps the fittest item whose descriptor
 * falls in it (descriptors outside the bounds go to the edge cells). The quality-diversity papers'
 * reference archive: how much of the space a search covered and how good each region's best is.
 */
export class MapElitesArchive<Item> {
  readonly bins: number;
  readonly low: readonly number[];
  readonly high: readonly number[];
  readonly #cells = new Map<number, Elite<Item>>();

  constructor(options: { bins: number; low: readonly number[]; high: readonly number[] }) {
    if (!Number.isInteger(options.bins) || options.bins < 1)
      throw new RangeError("bins must be a positive integer");
    if (options.low.length !== options.high.length || options.low.length === 0)
      throw new RangeError("low and high must give the same, non-zero number of dimensions");
    options.low.forEach((value, index) => {
      if (!((options.high[index] as number) > value))
        throw new RangeError(`high[${index}] must exceed low[${index}]`);
    });
    this.bins = options.bins;
    this.low = options.low;
    this.high = options.high;
  }

  /** The cell index of a descriptor (row-major over the dimensions). */
  cellOf(descriptor: Descriptor): number {
    if (descriptor.length !== this.low.length)
      throw new RangeError(`expected a descriptor of ${this.low.length} numbers, got ${descriptor.length}`);
    let cell = 0;
    descriptor.forEach((value, dimension) => {
      const low = this.low[dimension] as number;
      const share = (value - low) / ((this.high[dimension] as number) - low);
      const bin = Math.min(this.bins - 1, Math.max(0, Math.floor(share * this.bins)));
      cell = cell * this.bins + bin;
    });
    return cell;
  }

  /** Keeps the item if its cell is empty or it is fitter than the cell's elite; says whether it was kept. */
  insert(elite: Elite<Item>): boolean {
    const cell = this.cellOf(elite.descriptor);
    const current = this.#cells.get(cell);
    if (current && current.fitness >= elite.fitness) return false;
    this.#cells.set(cell, elite);
    return true;
  }

  /** The elites, by cell index. */
  get elites(): ReadonlyMap<number, Elite<Item>> {
    return this.#cells;
  }

  /** The share of cells holding an elite. */
  get coverage(): number {
    return this.#cells.size / this.bins ** this.low.length;
  }

  /** The best fitness in the archive (−∞ when empty). */
  get bestFitness(): number {
    let best = Number.NEGATIVE_INFINITY;
    for (const elite of this.#cells.values()) best = Math.max(best, elite.fitness);
    return best;
  }
}
