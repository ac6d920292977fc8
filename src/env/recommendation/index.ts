export * from "./recommendation.js";
export * from "./recommendation-definition.js";
export * from "./recommendation-model.js";
