import { Cell } from "../gridworld/layout.js";
import { coordinate, escapeXml, svgFrame } from "../svg.js";
import { type GoalWorldState, goalText, objectName } from "./goal.js";
import type { GoalTask } from "./goal-task.js";

/** A goal world's state for drawing: the task and where everything is. */
export interface GoalScene extends GoalWorldState {
  readonly task: GoalTask;
}

/** The world two characters a cell (`##` wall, `..` floor, `A ` agent, `A*` holding, `rc` the red cube), the goal, what is held. */
export function goalWorldText(observation: GoalScene): string {
  const { task } = observation;
  const { layout, objects } = task;
  const lines: string[] = [];
  for (let y = 0; y < layout.height; y++) {
    let line = "";
    for (let x = 0; x < layout.width; x++) {
      const cell = y * layout.width + x;
      const object = objects.findIndex(
        (_, index) => observation.positions[index] === cell && observation.held !== index,
      );
      if (cell === observation.agent) line += observation.held >= 0 ? "A*" : "A ";
      else if (layout.cells[cell] === Cell.wall) line += "##";
      else if (object >= 0) line += `${objects[object]?.colour[0]}${objects[object]?.shape[0]}`;
      else line += "..";
    }
    lines.push(line);
  }
  lines.push(`Goal: ${goalText(task.goal, objects)}.`);
  if (observation.held >= 0) lines.push(`You hold ${objectName(objects[observation.held])}.`);
  return lines.join("\n");
}

/** The world as an SVG frame: walls, objects as coloured shapes, the agent as an outlined cell. */
export function goalWorldSvg(observation: GoalScene): string {
  const { layout, objects } = observation.task;
  const size = 20;
  const colours: Record<string, string> = {
    red: "#d7263d",
    green: "#3bb273",
    blue: "#4c6ef5",
    yellow: "#f2c14e",
  };
  const parts: string[] = [];
  for (let cell = 0; cell < layout.cells.length; cell++) {
    const x = (cell % layout.width) * size;
    const y = Math.floor(cell / layout.width) * size;
    parts.push(
      `<rect x="${x}" y="${y}" width="${size}" height="${size}" fill="${layout.cells[cell] === Cell.wall ? "#4a4a4a" : "#ffffff"}" stroke="#dddddd"/>`,
    );
  }
  objects.forEach((object, index) => {
    const cell = observation.positions[index] as number;
    const x = (cell % layout.width) * size + size / 2;
    const y = Math.floor(cell / layout.width) * size + size / 2;
    const fill = colours[object.colour] ?? "#888888";
    const title = `<title>${escapeXml(objectName(object))}</title>`;
    if (object.shape === "ball")
      parts.push(`<circle cx="${x}" cy="${y}" r="${size * 0.3}" fill="${fill}">${title}</circle>`);
    else if (object.shape === "cube")
      parts.push(
        `<rect x="${x - size * 0.3}" y="${y - size * 0.3}" width="${size * 0.6}" height="${size * 0.6}" fill="${fill}">${title}</rect>`,
      );
    else
      parts.push(
        `<polygon points="${coordinate(x)},${coordinate(y - size * 0.35)} ${coordinate(x + size * 0.35)},${coordinate(y + size * 0.3)} ${coordinate(x - size * 0.35)},${coordinate(y + size * 0.3)}" fill="${fill}">${title}</polygon>`,
      );
  });
  const ax = (observation.agent % layout.width) * size;
  const ay = Math.floor(observation.agent / layout.width) * size;
  parts.push(
    `<rect x="${ax + 1}" y="${ay + 1}" width="${size - 2}" height="${size - 2}" fill="none" stroke="#222222" stroke-width="2"/>`,
  );
  return svgFrame({
    width: layout.width * size,
    height: layout.height * size,
    title: `Goal: ${goalText(observation.task.goal, objects)}`,
    body: parts.join(""),
  });
}
