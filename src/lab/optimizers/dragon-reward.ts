import { frechetDistanceDiagonal } from "../../verify/distributional/statistics.js";

/**
 * DRAGON's distribution-to-distribution reward turned into per-sample credit (Bai et al. 2025,
 * reconstructed as the verify room's `distributional` node does): each sample's leave-one-out share
 * of −FD(generated, exemplars), i.e. how much the batch's Fréchet distance to the exemplar set
 * would grow without it.
 */
export function leaveOneOutFrechet(
  generated: readonly Float64Array[],
  exemplars: readonly Float64Array[],
): Float64Array {
  const whole = frechetDistanceDiagonal(generated, exemplars);
  return Float64Array.from(generated, (_, index) => {
    const rest = generated.filter((__, other) => other !== index);
    return frechetDistanceDiagonal(rest, exemplars) - whole;
  });
}
