import { type Claim, claim } from "../results.js";

type Sweep = { particles: number; sampling: number; best_of_n: number; fk: number }[];

export function fkClaims(input: { sweep: Sweep; particles: number }): Claim[] {
  const at = input.sweep.find((entry) => entry.particles === input.particles);
  const fk = at?.fk ?? Number.NaN;
  const bestOfN = at?.best_of_n ?? Number.NaN;
  const sampling = at?.sampling ?? Number.NaN;
  const larger = input.sweep.filter((entry) => entry.particles >= 4);
  return [
    claim(
      `Singhal et al.: at ${input.particles} particles FK steering reaches more reward than best-of-${input.particles}`,
      fk > bestOfN,
      { fk, best_of_n: bestOfN, particles: input.particles },
    ),
    claim(`At ${input.particles} particles FK steering reaches more reward than sampling`, fk > sampling, {
      fk,
      sampling,
      particles: input.particles,
    }),
    claim(
      "FK steering's advantage over best-of-n holds at every particle count of 4 or more in the sweep",
      larger.length > 0 && larger.every((entry) => entry.fk > entry.best_of_n),
      Object.fromEntries(
        larger.map((entry) => [`fk_minus_best_of_n_at_${entry.particles}`, entry.fk - entry.best_of_n]),
      ),
    ),
  ];
}
