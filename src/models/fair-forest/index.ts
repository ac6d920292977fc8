export * from "./fair-forest.js";
export * from "./oblique-tree.js";
