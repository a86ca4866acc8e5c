import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { request } from 'undici';
import type { ServerReady } from './benchServer';

export interface BenchServer {
  url: string;
  streams: ServerReady['streams'];
  /** Requests the server has seen, by first path segment (`limited`, `short`, `v1`…). */
  counts(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

/** Starts the fake provider server in a child process and waits until it listens. */
export async function startBenchServer(): Promise<BenchServer> {
  const child: ChildProcess = fork(path.join(__dirname, 'benchServer.js'), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<ServerReady>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('bench server did not start within 30 s')), 30_000);
    child.once('message', (message) => {
      clearTimeout(timer);
      resolve(message as ServerReady);
    });
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return {
    url: ready.url,
    streams: ready.streams,
    async counts() {
      const response = await request(`${ready.url}/__stats`);
      return (await response.body.json()) as Record<string, number>;
    },
    async stop() {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.disconnect();
      const timer = setTimeout(() => child.kill(), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
