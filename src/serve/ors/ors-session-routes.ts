import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { RewardkitError } from "../../core/index.js";
import { parseBody } from "../http-errors.js";
import type { RouteDoc } from "../openapi.js";
import type { OrsHost } from "./ors-host.js";
import {
  blockSchema,
  createBodySchema,
  listToolsSchema,
  type RunToolOutput,
  runToolOutputSchema,
  sidReplySchema,
  statusReplySchema,
  toolCallBodySchema,
} from "./ors-wire.js";
import { EventStream, streamCallTask } from "./sse.js";
import { taskIndex } from "./task-index.js";

/** The `X-Session-ID` header (required on every session route, as the protocol says). */
function sessionId(request: FastifyRequest): string {
  const header = request.headers["x-session-id"];
  const sid = typeof header === "string" ? header.trim() : "";
  if (sid === "" || sid.length > 256) {
    throw new RewardkitError("BAD_REQUEST", "X-Session-ID header is required (at most 256 characters)", {
      path: "header X-Session-ID",
    });
  }
  return sid;
}

function envParam(request: FastifyRequest): string | undefined {
  return (request.params as { env?: string }).env;
}

/**
 * The session routes: `/create_session` (a new id), `/create` (an episode of a task under that id),
 * `/{env_name}/prompt`, `/{env_name}/task_tools`, `/{env_name}/call` (the tool's result streamed
 * as Server-Sent Events), `/ping`, `/delete` and `/delete_session`.
 */
export function registerOrsSessions(app: FastifyInstance, host: OrsHost): void {
  const both = (path: string) => [`/:env${path}`, path];

  // The reference server answers an SSE stream (task_id, then an empty end); the specification
  // shows JSON {"sid"}. Clients that accept text/event-stream (the SDKs) get the stream.
  app.post("/create_session", async (request, reply) => {
    const sid = randomUUID();
    if (!String(request.headers.accept ?? "").includes("text/event-stream")) return { sid };
    const events = EventStream.open(reply);
    events.event("task_id", sid);
    events.event("end", "");
    events.end();
    return reply;
  });

  app.post("/create", async (request) => {
    const sid = sessionId(request);
    const body = parseBody(createBodySchema, request.body);
    if (body.toolset_name !== undefined && body.toolset_name !== null) {
      throw new RewardkitError(
        "BAD_REQUEST",
        `toolset ${body.toolset_name} is not served here: no toolsets`,
        {
          path: "toolset_name",
        },
      );
    }
    const environment =
      body.env_name === undefined || body.env_name === null
        ? host.defaultEnvironment
        : host.environment(body.env_name);
    let task = body.task_spec ?? undefined;
    if (!task) {
      const split = body.split as string;
      task = environment.task(
        split,
        taskIndex(body.index as number, host.splitSize(environment, split), split),
      );
    }
    const chosen = task;
    await host.sessions.open(sid, environment, () => environment.open(chosen));
    return { sid };
  });

  app.post("/ping", async (request) => {
    host.sessions.get(sessionId(request));
    return { status: "ok" as const };
  });
  app.post("/delete", async (request) => {
    const sid = sessionId(request);
    host.sessions.close(sid, "deleted");
    return { sid };
  });
  app.post("/delete_session", async (request) => ({ sid: sessionId(request) }));

  for (const path of both("/prompt")) {
    app.get(path, async (request) => host.session(sessionId(request), envParam(request)).episode.prompt());
  }
  for (const path of both("/task_tools")) {
    app.get(path, async (request) => ({
      tools: host.session(sessionId(request), envParam(request)).environment.tools,
    }));
  }
  for (const path of both("/call")) {
    app.post(path, async (request, reply) => {
      const sid = sessionId(request);
      const session = host.session(sid, envParam(request));
      const body = parseBody(toolCallBodySchema, request.body);
      let task = body.task_id ? host.calls.get(body.task_id) : undefined;
      if (body.task_id && (!task || task.sid !== sid)) {
        const events = EventStream.open(reply);
        events.event("error", "unknown task_id");
        events.end();
        return reply;
      }
      task ??= host.calls.start(sid, () =>
        session.run(async () => {
          const started = performance.now();
          let output: RunToolOutput;
          try {
            output = await session.episode.call(body.name, body.input);
          } catch (error) {
            const seconds = (performance.now() - started) / 1000;
            host.metrics.call({ session, tool: body.name, outcome: "failed", seconds });
            request.log.error(
              { err: error, environment: session.environment.name, tool: body.name },
              "tool call failed",
            );
            throw RewardkitError.isInstance(error)
              ? error
              : new Error(
                  `internal error in ${body.name}; the server log has the details under request id ${request.id}`,
                );
          }
          host.metrics.call({
            session,
            tool: body.name,
            outcome: output.ok ? "ok" : "refused",
            seconds: (performance.now() - started) / 1000,
            ...(output.ok ? { reward: output.output.reward, finished: output.output.finished } : {}),
          });
          return JSON.stringify(output);
        }),
      );
      const events = EventStream.open(reply);
      void streamCallTask(events, task, host.settings.pingMs);
      return reply;
    });
  }
}

const sse = { mediaType: "text/event-stream", description: "" };
/** The session routes as /openapi.json lists them. */
export const orsSessionDocs: RouteDoc[] = [
  {
    method: "post",
    path: "/create_session",
    summary:
      "ORS: a new session id (JSON {sid}; an SSE task_id event for clients accepting text/event-stream).",
    response: sidReplySchema,
  },
  {
    method: "post",
    path: "/create",
    summary: "ORS: start an episode of a task under X-Session-ID.",
    request: createBodySchema,
    response: sidReplySchema,
  },
  {
    method: "get",
    path: "/{env_name}/prompt",
    summary: "ORS: the episode's first observation.",
    response: z.array(blockSchema),
  },
  {
    method: "get",
    path: "/{env_name}/task_tools",
    summary: "ORS: the session's tools.",
    response: listToolsSchema,
  },
  {
    method: "post",
    path: "/{env_name}/call",
    summary: "ORS: call a tool; the reply streams events task_id, chunk*, end (a RunToolOutput) or error.",
    request: toolCallBodySchema,
    response: {
      ...sse,
      description: `SSE. The end event's JSON: ${JSON.stringify(z.toJSONSchema(runToolOutputSchema, { io: "output" }))}`,
    },
  },
  { method: "post", path: "/ping", summary: "ORS: keep the session alive.", response: statusReplySchema },
  {
    method: "post",
    path: "/delete",
    summary: "ORS: end the episode (idempotent).",
    response: sidReplySchema,
  },
  {
    method: "post",
    path: "/delete_session",
    summary: "ORS: release the session id.",
    response: sidReplySchema,
  },
];
