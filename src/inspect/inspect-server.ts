import Fastify, { type FastifyInstance } from "fastify";
import { readPageAssets } from "./assets.js";
import { registerInspectRoutes } from "./inspect-routes.js";
import type { InspectSource } from "./inspect-source.js";

export interface InspectServer {
  readonly app: FastifyInstance;
  /** Starts listening; resolves with the page's URL (port 0 picks a free port). */
  listen(options: { host: string; port: number }): Promise<string>;
  close(): Promise<void>;
}

/**
 * The web inspector over one source (what `rewardkit inspect FILE` runs).
 * @example
 * ```ts
 * const server = await createInspectServer({ source });
 * console.log(await server.listen({ host: "127.0.0.1", port: 0 }));
 * ```
 */
export async function createInspectServer(options: { source: InspectSource }): Promise<InspectServer> {
  const app = Fastify({ logger: false, forceCloseConnections: true }) as unknown as FastifyInstance;
  await registerInspectRoutes(app, { source: options.source, assets: readPageAssets() });
  await app.ready();
  return {
    app,
    async listen({ host, port }) {
      const address = await app.listen({ host, port });
      return `${address}/`;
    },
    close: () => app.close(),
  };
}
