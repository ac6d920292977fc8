export * from "./deceptive-maze.js";
export * from "./deceptive-maze-definition.js";
export * from "./geometry.js";
