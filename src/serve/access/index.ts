export * from "./access-control.js";
export * from "./api-key-list.js";
export * from "./client-limits.js";
export * from "./key-scrubber.js";
export * from "./run-scope.js";
