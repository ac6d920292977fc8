import type { LabRandom } from "../random.js";

/**
 * A fixed random Fourier feature map of 2-D points (cos(wᵀx + b), w ~ N(0, 1/ℓ²)): the lab's
 * stand-in for the encoders (CLAP, VGGish) DRAGON computes distribution-level rewards in.
 */
export function randomFourierEncoder(input: { features: number; lengthScale: number; random: LabRandom }) {
  const weights = Float64Array.from(
    { length: 2 * input.features },
    () => input.random.normal() / input.lengthScale,
  );
  const phases = Float64Array.from({ length: input.features }, () => 2 * Math.PI * input.random.next());
  const scale = Math.sqrt(2 / input.features);
  return (points: ArrayLike<number>): Float64Array[] =>
    Array.from({ length: points.length / 2 }, (_, row) =>
      Float64Array.from(
        { length: input.features },
        (_, unit) =>
          scale *
          Math.cos(
            (weights[2 * unit] as number) * (points[2 * row] as number) +
              (weights[2 * unit + 1] as number) * (points[2 * row + 1] as number) +
              (phases[unit] as number),
          ),
      ),
    );
}
