import type { FastifyRequest } from "fastify";
import { authorizeRun } from "./access/run-scope.js";
import type { RouteRequest } from "./serve-core.js";

/** A Fastify request as the scoring routes read it. */
export function fastifyRouteRequest(request: FastifyRequest): RouteRequest {
  return {
    body: request.body,
    query: request.query,
    scope: request.scope,
    nonFiniteInputs: request.nonFiniteInputs,
    log: request.log,
    authorize: (target) => authorizeRun(request, target),
  };
}
