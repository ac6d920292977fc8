// A worker thread of a local sweep: runs the tasks its pool sends, one at a time, and replies with
// each run's results and report (the pool's thread writes the files).
import { parentPort } from "node:worker_threads";
import { runSweepTask, type SweepReply, type SweepRequest } from "./sweep-task.js";

const port = parentPort;
if (!port) throw new Error("sweep-thread runs as a worker thread of a sweep");
port.on("message", (request: SweepRequest) => {
  // runSweepTask never rejects: an error comes back as the reply.
  void runSweepTask(request).then((reply: SweepReply) => port.postMessage(reply));
});
