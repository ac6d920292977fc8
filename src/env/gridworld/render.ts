import { coordinate, svgFrame } from "../svg.js";
import { distractorFlag, GridFlag } from "./dynamics.js";
import { Cell, type GridLayout } from "./layout.js";

/** Characters of the text rendering. */
export const gridGlyphs = {
  wall: "#",
  floor: ".",
  lava: "~",
  lockedDoor: "D",
  openDoor: "/",
  goal: "G",
  key: "K",
  distractor: "o",
  agent: "A",
} as const;

function glyph(layout: GridLayout, cell: number, flags: number): string {
  switch (layout.cells[cell]) {
    case Cell.wall:
      return gridGlyphs.wall;
    case Cell.lava:
      return gridGlyphs.lava;
    case Cell.door:
      return (flags & GridFlag.doorOpen) !== 0 ? gridGlyphs.openDoor : gridGlyphs.lockedDoor;
    case Cell.goal:
      return gridGlyphs.goal;
    case Cell.key:
      return (flags & GridFlag.carryingKey) !== 0 ? gridGlyphs.floor : gridGlyphs.key;
    case Cell.distractor:
      return (flags & distractorFlag(layout.distractorIndex[cell] as number)) !== 0
        ? gridGlyphs.floor
        : gridGlyphs.distractor;
    default:
      return gridGlyphs.floor;
  }
}

/**
 * The world as lines of characters (`#` wall, `.` floor, `A` agent, `G` goal, `K` key, `D`/`/` locked
 * and open door, `~` lava, `o` distractor), then what the agent carries.
 */
export function gridText(layout: GridLayout, state: { cell: number; flags: number }): string {
  const lines: string[] = [];
  for (let y = 0; y < layout.height; y++) {
    let line = "";
    for (let x = 0; x < layout.width; x++) {
      const cell = y * layout.width + x;
      line += cell === state.cell ? gridGlyphs.agent : glyph(layout, cell, state.flags);
    }
    lines.push(line);
  }
  if ((state.flags & GridFlag.carryingKey) !== 0) lines.push("You carry the key.");
  return lines.join("\n");
}

const colours: Record<string, string> = {
  [gridGlyphs.wall]: "#4a4a4a",
  [gridGlyphs.floor]: "#ffffff",
  [gridGlyphs.lava]: "#e4572e",
  [gridGlyphs.lockedDoor]: "#b5831f",
  [gridGlyphs.openDoor]: "#f1dca7",
  [gridGlyphs.goal]: "#3bb273",
  [gridGlyphs.key]: "#ffffff",
  [gridGlyphs.distractor]: "#ffffff",
};

/** The world as an SVG frame: coloured cells, the key and distractors as shapes, the agent as a dot. */
export function gridSvg(
  layout: GridLayout,
  state: { cell: number; flags: number },
  options: { cellSize?: number; title?: string } = {},
): string {
  const size = options.cellSize ?? 16;
  const parts: string[] = [];
  for (let cell = 0; cell < layout.cells.length; cell++) {
    const x = (cell % layout.width) * size;
    const y = Math.floor(cell / layout.width) * size;
    const shown = glyph(layout, cell, state.flags);
    parts.push(
      `<rect x="${x}" y="${y}" width="${size}" height="${size}" fill="${colours[shown] ?? "#ffffff"}" stroke="#dddddd" stroke-width="0.5"/>`,
    );
    const centreX = coordinate(x + size / 2);
    const centreY = coordinate(y + size / 2);
    if (shown === gridGlyphs.key) {
      parts.push(
        `<rect x="${coordinate(x + size * 0.3)}" y="${coordinate(y + size * 0.2)}" width="${coordinate(size * 0.4)}" height="${coordinate(size * 0.6)}" fill="#f2c14e"/>`,
      );
    } else if (shown === gridGlyphs.distractor) {
      parts.push(`<circle cx="${centreX}" cy="${centreY}" r="${coordinate(size * 0.3)}" fill="#4c6ef5"/>`);
    }
    if (cell === state.cell) {
      parts.push(`<circle cx="${centreX}" cy="${centreY}" r="${coordinate(size * 0.35)}" fill="#d7263d"/>`);
    }
  }
  return svgFrame({
    width: layout.width * size,
    height: layout.height * size,
    title: options.title ?? layout.id,
    body: parts.join(""),
  });
}
