import { z } from "zod";

/** A value annealed linearly from `start` to `end` over `steps` steps, then held (ε-greedy's ε). */
export const linearScheduleSchema = z.object({
  start: z.number().min(0).max(1).describe("Value at step 0."),
  end: z.number().min(0).max(1).describe("Value from `steps` on."),
  steps: z
    .number()
    .int()
    .min(0)
    .describe("Steps over which the value moves from start to end (0: always end)."),
});

export type LinearSchedule = z.infer<typeof linearScheduleSchema>;

export function scheduleValue(schedule: LinearSchedule, step: number): number {
  if (step >= schedule.steps) return schedule.end;
  return schedule.start + ((schedule.end - schedule.start) * step) / schedule.steps;
}
