import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { extname, join, resolve, sep } from "node:path";
import { RewardscopeError } from "@rewardscope/core";
import type { FastifyInstance } from "fastify";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".wasm": "application/wasm",
};

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * Where a URL path lands under `root`: the file itself, the index.html of the single-page app for a path
 * without an extension (a client-side route), or null. Never outside `root`.
 * @example
 * await resolveStatic("/srv/dashboard", "/runs/qwen-1"); // "/srv/dashboard/index.html"
 */
export async function resolveStatic(root: string, urlPath: string): Promise<string | null> {
  if (urlPath.includes("\0")) return null;
  const base = resolve(root);
  const file = resolve(join(base, urlPath));
  if (file !== base && !file.startsWith(base + sep)) return null;
  if (await isFile(file)) return file;
  const index = join(base, "index.html");
  if (extname(file) === "" && (await isFile(index))) return index;
  return null;
}

/**
 * Serves the dashboard's built files at /, open to all (they hold no data; the API behind them is guarded).
 * @example
 * staticRoutes(app, "packages/dashboard/dist");
 */
export function staticRoutes(app: FastifyInstance, dir: string): void {
  const schema = { hide: true } as const;
  app.get<{ Params: { "*": string } }>("/*", { schema, config: { public: true } }, async (request, reply) => {
    const path = `/${request.params["*"]}`;
    const file = path.startsWith("/api/") ? null : await resolveStatic(dir, path);
    if (file === null)
      throw new RewardscopeError("not_found", `no route ${request.method} ${path.slice(0, 200)}`);
    // Vite puts content-hashed names under assets/: they never change. index.html must always be fresh.
    const immutable = file.includes(`${sep}assets${sep}`);
    reply.header("cache-control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
    return reply.type(TYPES[extname(file)] ?? "application/octet-stream").send(createReadStream(file));
  });
}
