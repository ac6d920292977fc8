import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { RewardkitError } from "../../core/index.js";
import { parseBody } from "../http-errors.js";
import type { RouteDoc } from "../openapi.js";
import type { OrsHost } from "./ors-host.js";
import {
  getTaskBodySchema,
  listTasksBodySchema,
  listToolsSchema,
  splitSchema,
  statusReplySchema,
  taskRangeBodySchema,
} from "./ors-wire.js";
import { taskIndex, taskSlice } from "./task-index.js";

/** Splits larger than this are not listed whole; clients page with num_tasks and task_range. */
const listLimit = 100_000;

const tasksReplySchema = z.object({
  tasks: z.array(z.record(z.string(), z.unknown())),
  env_name: z.string(),
});
const taskReplySchema = z.object({ task: z.record(z.string(), z.unknown()), env_name: z.string() });

/**
 * The discovery routes: environments, tools, splits and tasks. Each `/{env_name}/...` route is also
 * served without the name (`/tools`, `/tasks`, ...) for the first environment, which is what the
 * reference server's redirect gives clients (the `openreward` SDK with no variant calls bare paths).
 * Single tasks are at `/task` and `/task_range` (the SDKs' paths) and at `/get_task` and
 * `/get_task_range` (the specification's).
 */
export function registerOrsDiscovery(app: FastifyInstance, host: OrsHost, version: string): void {
  const environmentOf = (params: unknown) => {
    const name = (params as { env?: string }).env;
    return name === undefined ? host.defaultEnvironment : host.environment(name);
  };
  const both = (path: string) => [`/:env${path}`, path];

  app.get("/health", async () => ({ status: "ok" as const }));
  app.get("/version", async () => ({ version, build_sha: null }));
  app.get("/list_environments", async () => host.environments.map((environment) => environment.name));

  for (const path of both("/tools")) {
    app.get(path, async (request) => ({ tools: environmentOf(request.params).tools }));
  }
  for (const path of both("/splits")) {
    app.get(path, async (request) => environmentOf(request.params).splits);
  }
  for (const path of both("/tasks")) {
    app.post(path, async (request) => {
      const environment = environmentOf(request.params);
      const { split } = parseBody(listTasksBodySchema, request.body);
      const count = host.splitSize(environment, split);
      if (count > listLimit) {
        throw new RewardkitError(
          "BAD_REQUEST",
          `split ${split} has ${count} tasks, too many to list at once; use the index-based API (num_tasks, then task_range)`,
          { path: "split" },
        );
      }
      const tasks = Array.from({ length: count }, (_, index) => environment.task(split, index));
      return { tasks, env_name: environment.name };
    });
  }
  for (const path of both("/num_tasks")) {
    app.post(path, async (request) => {
      const environment = environmentOf(request.params);
      const { split } = parseBody(listTasksBodySchema, request.body);
      return { num_tasks: host.splitSize(environment, split) };
    });
  }
  for (const path of [...both("/task"), ...both("/get_task")]) {
    app.post(path, async (request) => {
      const environment = environmentOf(request.params);
      const body = parseBody(getTaskBodySchema, request.body);
      const index = taskIndex(body.index, host.splitSize(environment, body.split), body.split);
      return { task: environment.task(body.split, index), env_name: environment.name };
    });
  }
  for (const path of [...both("/task_range"), ...both("/get_task_range")]) {
    app.post(path, async (request) => {
      const environment = environmentOf(request.params);
      const body = parseBody(taskRangeBodySchema, request.body);
      const [start, stop] = taskSlice(host.splitSize(environment, body.split), body.start, body.stop);
      if (stop - start > listLimit) {
        throw new RewardkitError("BAD_REQUEST", `at most ${listLimit} tasks per task_range`, {
          path: "stop",
        });
      }
      const tasks = Array.from({ length: stop - start }, (_, offset) =>
        environment.task(body.split, start + offset),
      );
      return { tasks, env_name: environment.name };
    });
  }
}

/** The discovery routes as /openapi.json lists them. */
export const orsDiscoveryDocs: RouteDoc[] = [
  { method: "get", path: "/health", summary: "ORS health check.", response: statusReplySchema },
  {
    method: "get",
    path: "/list_environments",
    summary: "ORS: the environments served.",
    response: z.array(z.string()),
  },
  {
    method: "get",
    path: "/{env_name}/tools",
    summary: "ORS: an environment's tools.",
    response: listToolsSchema,
  },
  { method: "get", path: "/{env_name}/splits", summary: "ORS: task splits.", response: z.array(splitSchema) },
  {
    method: "post",
    path: "/{env_name}/tasks",
    summary: "ORS: every task of a split.",
    request: listTasksBodySchema,
    response: tasksReplySchema,
  },
  {
    method: "post",
    path: "/{env_name}/num_tasks",
    summary: "ORS: how many tasks a split has.",
    request: listTasksBodySchema,
    response: z.object({ num_tasks: z.number().int() }),
  },
  {
    method: "post",
    path: "/{env_name}/task",
    summary: "ORS: one task by index (also /get_task).",
    request: getTaskBodySchema,
    response: taskReplySchema,
  },
  {
    method: "post",
    path: "/{env_name}/task_range",
    summary: "ORS: tasks [start, stop) (also /get_task_range).",
    request: taskRangeBodySchema,
    response: tasksReplySchema,
  },
];
