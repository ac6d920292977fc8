// The web inspector (issue 22): scored files, the reward server's live traffic and lab results on one page.
export * from "./assets.js";
export * from "./component-figures.js";
export * from "./dataset.js";
export * from "./group-table.js";
export * from "./inspect-routes.js";
export * from "./inspect-row.js";
export * from "./inspect-server.js";
export * from "./inspect-source.js";
export * from "./lab-results.js";
export * from "./live-traffic.js";
export * from "./row-flags.js";
export * from "./row-query.js";
export * from "./step-series.js";
