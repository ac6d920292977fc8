export * from "./recommendation.js";
export * from "./recommendation-model.js";
