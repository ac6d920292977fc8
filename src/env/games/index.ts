export * from "./matrix-game.js";
export * from "./matrix-game-definition.js";
export * from "./payoff-tables.js";
export * from "./public-goods.js";
export * from "./public-goods-definition.js";
export * from "./scripted-opponents.js";
export * from "./with-opponents.js";
