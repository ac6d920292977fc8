// The select room: choosing among sampled responses by reward (best-of-n, RAFT, DNO pairs, DPA),
// steering generation with rewards (Feynman-Kac steering, VAS), and B-STaR's monitors; the loops
// run against any TextGenerator (an OpenAI-compatible server, or the lab's tiny model).
export * from "./b-star.js";
export * from "./best-of-n.js";
export * from "./diversity.js";
export * from "./dpa.js";
export * from "./fk-steering.js";
export * from "./generation/openai-generator.js";
export * from "./generation/text-generator.js";
export * from "./loops/b-star.js";
export * from "./loops/dno.js";
export * from "./loops/dpa.js";
export * from "./loops/fk.js";
export * from "./loops/generate.js";
export * from "./loops/raft.js";
export * from "./loops/scoring.js";
export * from "./loops/vas.js";
export * from "./pairs.js";
export * from "./quality-diversity/index.js";
export * from "./rank.js";
export * from "./trl-rows.js";
export * from "./vas.js";
