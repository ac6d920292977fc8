/**
 * The upper tail of the standard normal, P(Z > z) = erfc(z/√2)/2, with erfc from the Chebyshev
 * fit of Numerical Recipes (§6.2, `erfcc`): fractional error below 1.2e-7 everywhere, which is far
 * finer than any p-value a trend test here is compared with.
 */
export function normalUpperTail(z: number): number {
  return erfc(z / Math.SQRT2) / 2;
}

function erfc(x: number): number {
  const t = 1 / (1 + 0.5 * Math.abs(x));
  const y =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? y : 2 - y;
}

/** The z with P(Z > z) = p (bisection on the tail; p in (0, 1)). */
export function normalUpperQuantile(p: number): number {
  let low = -40;
  let high = 40;
  for (let iteration = 0; iteration < 200; iteration++) {
    const middle = (low + high) / 2;
    if (normalUpperTail(middle) > p) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}
