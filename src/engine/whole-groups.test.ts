import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { RowRead } from "../io/index.js";
import { GroupSpool } from "./group-spool.js";
import { groupKeyOf, planWholeGroups } from "./whole-groups.js";

async function batchesOf(
  rows: Array<Record<string, unknown>>,
  options: { groupsMatter: boolean; size: number },
) {
  const folder = await mkdtemp(join(tmpdir(), "rewardkit-groups-"));
  const input = join(folder, "rows.jsonl");
  await writeFile(input, `${rows.map((row) => JSON.stringify(row)).join("\n")}\n{broken\n`);
  const plan = await planWholeGroups({
    input,
    groupsMatter: options.groupsMatter,
    batchSize: options.size,
    groupOf: (row) => groupKeyOf(row.group),
  });
  const batches: string[][] = [];
  for await (const batch of plan.batches) {
    batches.push(
      batch.map((read: RowRead) =>
        read.ok ? `${JSON.stringify(read.row.group ?? null)}@${read.line}` : `bad@${read.line}`,
      ),
    );
  }
  plan.close();
  return { batches, how: plan.how, inInputOrder: plan.inInputOrder };
}

describe("whole groups whatever the input order", () => {
  const shuffled = [
    { group: "a" },
    { group: "b" },
    { group: "a" },
    {},
    { group: 1 },
    { group: "1" },
    { group: "b" },
  ];

  it("streams when groups do not matter, and when a file's groups are contiguous", async () => {
    expect(await batchesOf(shuffled, { groupsMatter: false, size: 2 })).toMatchObject({
      how: "stream",
      inInputOrder: true,
    });
    const sorted = await batchesOf([{ group: "a" }, { group: "a" }, { group: "b" }], {
      groupsMatter: true,
      size: 1,
    });
    expect(sorted).toEqual({
      batches: [
        ['"a"@1', '"a"@2'],
        ['"b"@3', "bad@4"],
      ],
      how: "checked",
      inInputOrder: true,
    });
  });

  it('gathers shuffled groups through the spool: 1 and "1" stay apart, rows without a group stand alone', async () => {
    const { batches, how, inInputOrder } = await batchesOf(shuffled, { groupsMatter: true, size: 1 });
    expect(how).toBe("gathered");
    expect(inInputOrder).toBe(false);
    expect(batches.flat().sort()).toEqual(
      ["null@4", "1@5", '"1"@6', '"a"@1', '"a"@3', '"b"@2', '"b"@7', "bad@8"].sort(),
    );
    // No group is split across batches.
    const batchOf = new Map<string, number>();
    batches.forEach((batch, index) => {
      for (const entry of batch) {
        const group = entry.split("@")[0] as string;
        if (group === "null" || group === "bad") continue;
        expect(batchOf.get(group) ?? index).toBe(index);
        batchOf.set(group, index);
      }
    });
  });

  it("parks outputs and gives them back in input order", () => {
    const spool = new GroupSpool();
    try {
      spool.keepOutput([
        { line: 7, text: '{"id":7}' },
        { line: 2, text: '{"id":2}' },
      ]);
      spool.keepOutput([{ line: 5, text: '{"id":5}' }]);
      const pages = [...spool.outputs(2)];
      expect(pages.map((page) => page.map((row) => row.row.id))).toEqual([[2, 5], [7]]);
      expect(pages[0]?.[0]?.text).toBe('{"id":2}');
    } finally {
      spool.close();
    }
  });
});
