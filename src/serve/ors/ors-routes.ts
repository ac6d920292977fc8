import type { FastifyInstance } from "fastify";
import { RewardkitError } from "../../core/index.js";
import { errorToReply } from "../http-errors.js";
import { parseJsonBody } from "../json-body.js";
import type { ServerMetrics } from "../metrics.js";
import type { RouteDoc } from "../openapi.js";
import { orsDiscoveryDocs, registerOrsDiscovery } from "./ors-discovery-routes.js";
import type { OrsHost } from "./ors-host.js";
import { orsSessionDocs, registerOrsSessions } from "./ors-session-routes.js";

/** The ORS routes, as a 404 lists them. */
export const orsRouteList =
  "GET /list_environments, GET /{env_name}/tools, GET /{env_name}/splits, POST /{env_name}/tasks, POST /create_session, POST /create, GET /{env_name}/prompt, POST /{env_name}/call, POST /ping, POST /delete";

/**
 * Serves the Open Reward Standard's routes for the host's environments on `app` (alone or beside
 * the reward routes). Errors keep rewardkit's `{"error": {"code", "message", "path"?}}` and add the
 * protocol's `"detail"` (the message), which the ORS clients read.
 */
export function registerOrsRoutes(
  app: FastifyInstance,
  options: { host: OrsHost; version: string; metrics: ServerMetrics },
): RouteDoc[] {
  const { host, metrics } = options;
  void app.register(async (scope) => {
    // aiohttp (the SDKs' client) posts /ping, /delete and /delete_session with an empty body and
    // Content-Type application/octet-stream: an empty body here means no body, not a bad one.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", { parseAs: "string" }, (_request, body, done) => {
      if ((body as string).trim() === "") {
        done(null, undefined);
        return;
      }
      try {
        done(null, parseJsonBody(body as string).value);
      } catch (error) {
        done(error as Error, undefined);
      }
    });
    scope.setErrorHandler(async (error, request, reply) => {
      const route = request.routeOptions.url ?? "unmatched";
      const { status, body, internal } = errorToReply(error, request.id);
      metrics.requestError(route, body.error.code);
      if (internal) request.log.error({ err: error, route }, "internal error");
      else if (status !== 503) request.log.info({ route, code: body.error.code }, body.error.message);
      if (body.error.code === "OVERLOADED" && RewardkitError.isInstance(error)) {
        reply.header("retry-after", String(error.details?.retryAfterSeconds ?? 1));
      }
      return reply.code(status).send({ detail: body.error.message, ...body });
    });
    registerOrsDiscovery(scope, host, options.version);
    registerOrsSessions(scope, host);
  });
  return [...orsDiscoveryDocs, ...orsSessionDocs];
}
