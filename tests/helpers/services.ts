import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { delimiter, join } from "node:path";
import { Redis } from "ioredis";
import { type RunningPglite, startPglite } from "../../src/pg/pglite-server.js";

export { type RunningPglite, startPglite };

/** A free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface RunningRedis {
  url: string;
  stop(): Promise<void>;
}

/**
 * Whether a test needing `command` (redis-server, …) runs: when it is on PATH, or always when
 * REQUIRE_SERVICES=1 (what .ci/run sets, after installing the services, so CI never skips). On a
 * machine without it, the test says so in one line and is skipped.
 */
export function needsService(command: string): boolean {
  const found = (process.env.PATH ?? "").split(delimiter).some((dir) => dir && existsSync(join(dir, command)));
  if (!found && process.env.REQUIRE_SERVICES !== "1") {
    process.stderr.write(
      `skipped: these tests need ${command} on PATH (install it, or set REQUIRE_SERVICES=1 to make them mandatory)\n`,
    );
    return false;
  }
  return true;
}

/** A real redis-server (Debian's package) on a loopback port, without persistence. */
export async function startRedis(): Promise<RunningRedis> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: "ignore" },
  );
  const failed = new Promise<never>((_, reject) =>
    child.once("error", (err) =>
      reject(new Error(`redis-server could not start (is Debian's redis-server installed?): ${err.message}`)),
    ),
  );
  const url = `redis://127.0.0.1:${port}`;
  const ready = (async () => {
    for (let i = 0; i < 100; i++) {
      const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      r.on("error", () => undefined);
      try {
        await r.connect();
        await r.ping();
        r.disconnect();
        return;
      } catch {
        r.disconnect();
        await new Promise((res) => setTimeout(res, 50));
      }
    }
    throw new Error("redis-server did not answer");
  })();
  await Promise.race([ready, failed]);
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
