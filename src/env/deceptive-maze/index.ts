export * from "./deceptive-maze.js";
export * from "./geometry.js";
