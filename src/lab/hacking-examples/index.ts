// Training traffic from the lab's worlds for the reward-hacking flags (issue 22; docs/diagnose-hacking.md).
export * from "./overoptimization-traffic.js";
