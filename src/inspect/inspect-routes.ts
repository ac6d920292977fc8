import type { FastifyInstance, FastifyReply } from "fastify";
import { z } from "zod";
import type { PageAsset } from "./assets.js";
import type { InspectDataset } from "./dataset.js";
import type { InspectSource } from "./inspect-source.js";
import { rowQuerySchema } from "./row-query.js";

const runQuerySchema = z.object({ run: z.string().optional() });
const groupQuerySchema = z.object({
  run: z.string().optional(),
  kind: z.enum(["all", "zero_std", "all_correct", "all_wrong"]).default("all"),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/**
 * The inspector's page and JSON API, registered on any Fastify app (its own for `rewardkit inspect`,
 * the reward server's under `/ui/` for `serve --ui`). Every URL the page uses is relative, so the
 * same page works under any prefix.
 * Routes: `/` (the page), `/assets/NAME`, `api/info`, `api/summary`, `api/rows`, `api/rows/INDEX`,
 * `api/groups`, `api/diagnostics`, `api/lab`; `?run=` picks a live run.
 */
export async function registerInspectRoutes(
  app: FastifyInstance,
  options: { source: InspectSource; assets: Map<string, PageAsset> },
): Promise<void> {
  const { source, assets } = options;
  const summaries = new WeakMap<InspectDataset, string>();

  app.get("/", async (request, reply) => {
    const path = request.url.split("?")[0] ?? "/";
    // Relative URLs resolve against the folder: /ui must become /ui/.
    if (!path.endsWith("/")) return reply.redirect(`${path}/`);
    return sendAsset(reply, assets.get("index.html"));
  });
  app.get<{ Params: { name: string } }>("/assets/:name", async (request, reply) =>
    sendAsset(reply, assets.get(request.params.name)),
  );
  app.get("/api/info", async () => ({
    kind: source.kind,
    label: source.label,
    runs: source.runs(),
    lab: source.lab?.length ?? 0,
  }));
  app.get("/api/summary", async (request, reply) => {
    const dataset = pick(source, request.query, reply);
    if (!dataset) return reply;
    let text = summaries.get(dataset);
    if (text === undefined) {
      text = JSON.stringify(dataset.summary);
      summaries.set(dataset, text);
    }
    return reply.type("application/json; charset=utf-8").send(text);
  });
  app.get("/api/rows", async (request, reply) => {
    const parsed = rowQuerySchema.safeParse(request.query ?? {});
    if (!parsed.success) return badRequest(reply, parsed.error);
    const dataset = pick(source, request.query, reply);
    return dataset ? dataset.query(parsed.data) : reply;
  });
  app.get<{ Params: { index: string } }>("/api/rows/:index", async (request, reply) => {
    const dataset = pick(source, request.query, reply);
    if (!dataset) return reply;
    const row = /^\d+$/.test(request.params.index) ? dataset.detail(Number(request.params.index)) : undefined;
    return row ?? notFound(reply, `no row ${request.params.index}`);
  });
  app.get("/api/groups", async (request, reply) => {
    const parsed = groupQuerySchema.safeParse(request.query ?? {});
    if (!parsed.success) return badRequest(reply, parsed.error);
    const dataset = pick(source, request.query, reply);
    return dataset ? dataset.groupPage(parsed.data) : reply;
  });
  app.get("/api/diagnostics", async (request, reply) => {
    const run = runQuerySchema.parse(request.query ?? {}).run;
    const fromSource = source.diagnostics ? await source.diagnostics(run) : undefined;
    if (fromSource !== undefined) return { report: fromSource };
    const dataset = pick(source, request.query, reply);
    return dataset ? { report: dataset.diagnostics() } : reply;
  });
  app.get("/api/lab", async () => ({ runs: source.lab ?? [] }));
}

function pick(source: InspectSource, query: unknown, reply: FastifyReply): InspectDataset | undefined {
  const run = runQuerySchema.safeParse(query ?? {}).data?.run;
  const dataset = source.dataset(run);
  if (!dataset) {
    void notFound(reply, run === undefined ? "no rows yet" : `no rows for run "${run}" yet`);
  }
  return dataset;
}

function sendAsset(reply: FastifyReply, asset: PageAsset | undefined): FastifyReply {
  if (!asset) return notFound(reply, "no such file");
  return reply.type(asset.type).header("cache-control", "no-cache").send(asset.body);
}

function notFound(reply: FastifyReply, message: string): FastifyReply {
  return reply
    .code(404)
    .type("application/json")
    .send({ error: { code: "NOT_FOUND", message } });
}

function badRequest(reply: FastifyReply, error: z.ZodError): FastifyReply {
  const issue = error.issues[0];
  const message = `${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}`;
  return reply
    .code(400)
    .type("application/json")
    .send({ error: { code: "BAD_REQUEST", message } });
}
