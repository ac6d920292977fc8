import { z } from "zod";
import { errorReplySchema } from "./http-errors.js";

/** One route as /openapi.json describes it; the schemas are the ones the handlers validate with. */
export interface RouteDoc {
  readonly method: "get" | "post";
  readonly path: string;
  readonly summary: string;
  readonly request?: z.ZodType;
  readonly query?: z.ZodObject;
  /** The success reply: a zod schema, or a media type for non-JSON replies (Prometheus text). */
  readonly response: z.ZodType | { mediaType: string; description: string };
}

const errorStatuses: Record<string, string> = {
  "400": "Bad request: the body or a header is invalid (the error names the field).",
  "413": "The body is larger than the server's --max-body-bytes.",
  "503": "Overloaded (the queue is full; see Retry-After) or shutting down.",
  "504": "The request's deadline passed before scoring finished.",
};

const accessStatuses: Record<string, string> = {
  "401": "No key, or a wrong one: send Authorization: Bearer <key>.",
  "403": "The key is not bound to the request's run.",
  "429": "Too many requests, or too many at once, for this key (see Retry-After).",
};

function jsonSchema(schema: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  const document = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Record<string, unknown>;
  delete document.$schema;
  return document;
}

/** The OpenAPI 3.1 document of the server, generated from the zod schemas. */
export function openApiDocument(options: {
  routes: readonly RouteDoc[];
  version: string;
  /** The server requires a bearer key (`--api-key-env`): documented as a security scheme (never a key). */
  secured?: { openPaths: readonly string[] };
}): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const errorContent = { "application/json": { schema: jsonSchema(errorReplySchema, "output") } };
  for (const route of options.routes) {
    const operation: Record<string, unknown> = { summary: route.summary };
    if (route.request) {
      operation.requestBody = {
        required: true,
        content: { "application/json": { schema: jsonSchema(route.request, "input") } },
      };
    }
    if (route.query) {
      operation.parameters = Object.entries(route.query.shape).map(([name, field]) => ({
        name,
        in: "query",
        required: false,
        description: (field as z.ZodType).description,
        schema: jsonSchema(field as z.ZodType, "input"),
      }));
    }
    const success =
      route.response instanceof z.ZodType
        ? {
            description: route.response.description ?? "OK",
            content: { "application/json": { schema: jsonSchema(route.response, "output") } },
          }
        : {
            description: route.response.description,
            content: { [route.response.mediaType]: { schema: { type: "string" } } },
          };
    const responses: Record<string, unknown> = { "200": success };
    if (route.method === "post") {
      for (const [status, description] of Object.entries(errorStatuses)) {
        responses[status] = { description, content: errorContent };
      }
    }
    if (options.secured && !options.secured.openPaths.includes(route.path)) {
      for (const [status, description] of Object.entries(accessStatuses)) {
        responses[status] = { description, content: errorContent };
      }
    } else if (options.secured) {
      operation.security = [];
    }
    responses.default = { description: "Any other error, in the same shape.", content: errorContent };
    operation.responses = responses;
    paths[route.path] = { ...paths[route.path], [route.method]: operation };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "rewardkit reward server",
      version: options.version,
      description:
        "Scores samples with a reward spec. Speaks rewardkit's own protocol (/v1/score), OpenRLHF's remote reward protocol (/get_reward) and the verl shim's (/v1/verl/*).",
    },
    paths,
    ...(options.secured
      ? {
          components: {
            securitySchemes: {
              bearer: { type: "http", scheme: "bearer", description: "A key of the server's --api-key-env." },
            },
          },
          security: [{ bearer: [] }],
        }
      : {}),
  };
}
