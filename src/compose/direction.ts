// Moved to core: the select room's DPA rejection sampling ranks by the same vᵀr and prompt phrase.
export * from "../core/direction.js";
