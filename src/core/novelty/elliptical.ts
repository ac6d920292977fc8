/**
 * E3B's elliptical episodic bonus (Henaff et al. 2022; methods doc §17.1): with C₀ = λI and
 * C_t = C_{t−1} + φ_tφ_tᵀ, the bonus of an embedding is b_t = φ_tᵀ C_{t−1}⁻¹ φ_t — how far φ_t lies
 * outside the ellipse of the episode's embeddings so far. The inverse is kept and updated by
 * Sherman–Morrison: u = C⁻¹φ, b = φ·u, C⁻¹ ← C⁻¹ − u uᵀ/(1 + b). Reset at each episode's start.
 */
export class EllipticalEpisode {
  readonly dimension: number;
  readonly ridge: number;
  /** C⁻¹, row-major `dimension × dimension`. */
  readonly #inverse: Float64Array;
  readonly #u: Float64Array;

  constructor(options: { dimension: number; ridge?: number }) {
    const { dimension } = options;
    const ridge = options.ridge ?? 0.1;
    if (!Number.isInteger(dimension) || dimension < 1)
      throw new RangeError(`the embedding dimension must be a positive integer, got ${dimension}`);
    if (!(ridge > 0)) throw new RangeError(`the ridge λ must be positive, got ${ridge}`);
    this.dimension = dimension;
    this.ridge = ridge;
    this.#inverse = new Float64Array(dimension * dimension);
    this.#u = new Float64Array(dimension);
    this.reset();
  }

  /** Forgets the episode: C⁻¹ = I/λ. */
  reset(): void {
    this.#inverse.fill(0);
    for (let index = 0; index < this.dimension; index++)
      this.#inverse[index * this.dimension + index] = 1 / this.ridge;
  }

  /** b = φᵀC⁻¹φ against the embeddings seen so far, then adds φ to the ellipse. */
  bonus(embedding: ArrayLike<number>): number {
    const size = this.dimension;
    if (embedding.length !== size)
      throw new RangeError(`expected an embedding of ${size} numbers, got ${embedding.length}`);
    const inverse = this.#inverse;
    const u = this.#u;
    let value = 0;
    for (let row = 0; row < size; row++) {
      let sum = 0;
      const offset = row * size;
      for (let column = 0; column < size; column++)
        sum += (inverse[offset + column] as number) * (embedding[column] as number);
      u[row] = sum;
      value += sum * (embedding[row] as number);
    }
    if (!Number.isFinite(value)) throw new RangeError("the embedding has a non-finite value");
    const scale = 1 / (1 + value);
    for (let row = 0; row < size; row++) {
      const ur = (u[row] as number) * scale;
      if (ur === 0) continue;
      const offset = row * size;
      for (let column = 0; column < size; column++)
        inverse[offset + column] = (inverse[offset + column] as number) - ur * (u[column] as number);
    }
    return value;
  }
}
