import { z } from "zod";
import { plottedValue } from "./component-figures.js";
import type { InspectRow } from "./inspect-row.js";

const optionalNumber = z.preprocess(
  (value) => (value === "" || value === undefined ? undefined : Number(value)),
  z.number().finite().optional(),
);

/** `GET api/rows`: which rows the page asks for (every filter optional; all given must hold). */
export const rowQuerySchema = z.strictObject({
  run: z.string().optional().describe("Live view: the training run."),
  q: z
    .string()
    .max(500)
    .optional()
    .describe("Case-insensitive text in the id, prompt, completion or reason."),
  component: z
    .string()
    .optional()
    .describe("The name `min`/`max` apply to (reward, a component, advantage)."),
  min: optionalNumber.describe("Rows whose `component` is at least this."),
  max: optionalNumber.describe("Rows whose `component` is at most this."),
  error: z.string().optional().describe("An error code, `any` (some error) or `none` (no error)."),
  group: z.string().optional().describe("Rows of this group."),
  flag: z.string().optional().describe("Rows carrying this flag (row-flags.ts)."),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export type RowQuery = z.infer<typeof rowQuerySchema>;

/** Whether a row passes every filter of the query; `searchText` gives the row's lower-cased text. */
export function rowMatches(
  row: InspectRow,
  query: RowQuery,
  searchText: (row: InspectRow) => string,
): boolean {
  if (query.group !== undefined && query.group !== "" && row.group !== query.group) return false;
  if (query.flag !== undefined && query.flag !== "" && !row.flags.includes(query.flag)) return false;
  if (query.error !== undefined && query.error !== "") {
    if (query.error === "none" ? row.error !== undefined : !row.error) return false;
    if (query.error !== "none" && query.error !== "any" && row.error?.code !== query.error) return false;
  }
  if (query.component !== undefined && query.component !== "") {
    if (query.min !== undefined || query.max !== undefined) {
      const value = plottedValue(row, query.component);
      if (value === undefined) return false;
      if (query.min !== undefined && value < query.min) return false;
      if (query.max !== undefined && value > query.max) return false;
    }
  }
  if (query.q !== undefined && query.q.trim() !== "") {
    if (!searchText(row).includes(query.q.trim().toLowerCase())) return false;
  }
  return true;
}
