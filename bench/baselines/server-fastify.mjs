// A second ceiling for the reward server benchmark: the bare server's reward on Fastify, set up as
// rewardkit's app is (pino logger at info, Fastify's request logging off, any body parsed as JSON
// text) but with no engine, validation, scopes or metrics. What Fastify itself costs under the
// same loads (bench/server/run.mjs --fastify). Same routes and replies as server-bare.mjs.
// Usage: node bench/baselines/server-fastify.mjs PORT
import Fastify, { LogController } from "fastify";
import { pino } from "pino";
import { routes } from "./server-bare-reward.mjs";

const port = Number(process.argv[2]);
const app = Fastify({
  loggerInstance: pino({ level: "info" }),
  logController: new LogController({ disableRequestLogging: true }),
});
app.removeAllContentTypeParsers();
app.addContentTypeParser("*", { parseAs: "string" }, (_request, body, done) => {
  try {
    done(null, JSON.parse(body));
  } catch (error) {
    done(error, undefined);
  }
});
for (const [path, handle] of Object.entries(routes)) {
  app.post(path, async (request, reply) =>
    reply.type("application/json").send(JSON.stringify(handle(request.body))),
  );
}
await app.listen({ host: "127.0.0.1", port });
