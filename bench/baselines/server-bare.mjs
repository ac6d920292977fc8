// The reward server benchmark's ceiling: the same reward on a bare node:http server (no framework,
// no engine, no validation, no metrics), for /v1/score and /get_reward. What any Node server doing
// JSON over HTTP on this machine cannot beat; N processes share the port through node:cluster.
// Usage: node bench/baselines/server-bare.mjs PORT [PROCESSES]
import cluster from "node:cluster";
import http from "node:http";
import { routes } from "./server-bare-reward.mjs";

const port = Number(process.argv[2]);
const processes = Number(process.argv[3] ?? "1");
if (processes > 1 && cluster.isPrimary) {
  for (let index = 0; index < processes; index++) cluster.fork();
} else {
  http
    .createServer((request, response) => {
      const chunks = [];
      request.on("data", (chunk) => chunks.push(chunk));
      request.on("end", () => {
        const out = JSON.stringify(routes[request.url](JSON.parse(Buffer.concat(chunks).toString())));
        response.writeHead(200, {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(out),
        });
        response.end(out);
      });
    })
    .listen(port, "127.0.0.1");
}
