export * from "./polar-input.js";
export * from "./polar-node.js";
export * from "./polar-protocol.js";
