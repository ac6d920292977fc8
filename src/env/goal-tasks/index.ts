export * from "./goal.js";
export * from "./goal-render.js";
export * from "./goal-task.js";
export * from "./goal-tasks-definition.js";
export * from "./goal-world.js";
