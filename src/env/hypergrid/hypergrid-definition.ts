import { z } from "zod";
import { RewardkitError } from "../../core/index.js";
import { defineEnvironment } from "../definition.js";
import { Hypergrid } from "./hypergrid.js";

export const hypergrid = defineEnvironment({
  id: "hypergrid",
  summary:
    "The GFlowNet hypergrid: build a point coordinate by coordinate, stop, and earn R(x) with 2^D high-reward modes.",
  papers: [
    "Flow Network based Generative Models (Bengio et al. 2021)",
    "Trajectory Balance (Malkin et al. 2022)",
    "Pre-training GFlowNets (outcome-conditioned)",
  ],
  options: z.object({
    dimension: z.number().int().min(1).max(8).default(2).describe("D, the number of coordinates."),
    side: z.number().int().min(2).max(128).default(8).describe("H, the grid's side."),
    r0: z
      .number()
      .nonnegative()
      .default(0.1)
      .describe("R0, the reward everywhere (smaller is harder; the papers use 0.1 to 0.001)."),
    r1: z.number().nonnegative().default(0.5).describe("R1, the plateau near each corner."),
    r2: z.number().nonnegative().default(2).describe("R2, the ring inside each plateau."),
  }),
  build: (options) => {
    if (options.r0 === 0 && options.r1 === 0 && options.r2 === 0) {
      throw new RewardkitError("SPEC_INVALID", "r0, r1 and r2 are all 0: every state would have reward 0", {
        path: "environments.hypergrid.r0",
      });
    }
    return new Hypergrid(options);
  },
});
