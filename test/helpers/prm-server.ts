import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A real local PRM over HTTP, for tests: it reads each query the way a PRM does, as text with a step
 * tag after every step, cuts it at the tags and asks `judge` for each step's probability of being
 * correct. It answers the three shapes rewardkit speaks: OpenRLHF's `/get_reward` (`rewards`: one
 * list per query), vLLM's `/pooling` with a step pooler (`data[i].data`: a `[p_wrong, p_right]` row
 * per tag) and `/classify` (`data[i].probs` for the query's last step). Paths starting
 * `/fail-once` answer 503 to the first request; `/short` drops a step from every answer.
 */
export interface PrmServer {
  url: string;
  requests: { path: string; body: Record<string, unknown> }[];
  close(): Promise<void>;
}

export type StepJudge = (step: string, context: { query: string; index: number; steps: string[] }) => number;

function steps(query: string, tag: string): string[] {
  const pieces = query.split(tag);
  pieces.pop(); // what follows the last tag is not a step
  return pieces;
}

export async function startPrmServer(options: { stepTag: string; judge: StepJudge }): Promise<PrmServer> {
  const requests: PrmServer["requests"] = [];
  let failed = false;
  const score = (query: string) => {
    const found = steps(query, options.stepTag);
    return found.map((step, index) => options.judge(step, { query, index, steps: found }));
  };
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let text = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => {
      text += chunk;
    });
    request.on("end", () => {
      const path = request.url ?? "";
      const body = JSON.parse(text) as Record<string, unknown>;
      requests.push({ path, body });
      const send = (status: number, reply: unknown) => {
        response.writeHead(status, { "content-type": "application/json" });
        response.end(JSON.stringify(reply));
      };
      if (path.startsWith("/fail-once") && !failed) {
        failed = true;
        return send(503, { error: "loading" });
      }
      const trim = (list: number[]) => (path.startsWith("/short") ? list.slice(1) : list);
      if (path.endsWith("/get_reward")) {
        const queries = body.query as string[];
        return send(200, { rewards: queries.map((query) => trim(score(query))) });
      }
      const inputs = (typeof body.input === "string" ? [body.input] : body.input) as string[];
      if (path.endsWith("/pooling")) {
        const data = inputs.map((input, index) => ({
          index,
          object: "pooling",
          data: trim(score(input)).map((p) => [1 - p, p]),
        }));
        return send(200, { id: "pool-1", object: "list", model: body.model, data });
      }
      if (path.endsWith("/classify")) {
        // Shuffled order, as `index` allows.
        const data = inputs
          .map((input, index) => {
            const p = score(input).at(-1) ?? 0;
            return { index, label: p >= 0.5 ? "right" : "wrong", probs: [1 - p, p], num_classes: 2 };
          })
          .reverse();
        return send(200, { id: "classify-1", object: "list", model: body.model, data });
      }
      send(404, { error: `no route ${path}` });
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: async () => {
      server.close();
      await once(server, "close");
    },
  };
}

/**
 * A rule-based step judge: a step is right (0.9) when every `a op b = c` it states holds, wrong (0.1)
 * otherwise. The first piece also holds the question, so test questions state no `=` claims.
 */
export const arithmeticJudge: StepJudge = (step) => {
  const claims = [
    ...step.matchAll(/(-?\d+(?:\.\d+)?)\s*([-+*×x/])\s*(-?\d+(?:\.\d+)?)\s*=\s*(-?\d+(?:\.\d+)?)/g),
  ];
  for (const [, left, operator, right, result] of claims) {
    const a = Number(left);
    const b = Number(right);
    const value = operator === "+" ? a + b : operator === "-" ? a - b : operator === "/" ? a / b : a * b;
    if (Math.abs(value - Number(result)) > 1e-9) return 0.1;
  }
  return 0.9;
};
