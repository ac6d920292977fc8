// Moved to core/openai so the select room's generator shares the transport; kept for the judges' imports.
export * from "../../core/openai/rate-limiter.js";
