export * from "./matrix-game.js";
export * from "./payoff-tables.js";
export * from "./public-goods.js";
