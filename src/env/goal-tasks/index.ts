export * from "./goal.js";
export * from "./goal-task.js";
export * from "./goal-world.js";
