import * as assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { MemoryCredentialStore } from '../../src/auth/credentialStore';
import type { ChatRequest } from '../../src/providers/types';
import { createOpenAICompatibleClient } from '../../src/providers/openaiCompatible/client';
import { buildRouter } from '../../src/router/buildRouter';
import type { RoutedEvent } from '../../src/router/types';
import { ProviderError } from '../../src/util/errors';
import { createHttpClient } from '../../src/util/http';
import { silentLogger } from '../../src/util/logger';
import { startFakeServer, type FakeServer } from '../fakes/fakeServer';
import { sseFromPayloads, sseHeaders, openaiChunk } from '../fakes/wire';
import { FAULT_SETTINGS, healthySlot } from './support/runFaultCase';

/** What each hostile answer sends: far more than any limit, so an unbounded reader would hold all of it. */
const HOSTILE_BYTES = 160 * 1024 * 1024;
/** Peak growth of heap + buffers allowed while one hostile answer is read (the largest limit is 32 MiB). */
const PEAK_TOLERANCE_BYTES = 96 * 1024 * 1024;

const REQUEST: ChatRequest = { messages: [{ role: 'user', content: [{ type: 'text', text: 'hello' }] }] };

function used(): number {
  const memory = process.memoryUsage();
  return memory.heapUsed + memory.arrayBuffers;
}

/** Runs `work` while sampling memory every few milliseconds; returns the peak growth over the start (after gc). */
async function peakGrowth(work: () => Promise<void>): Promise<number> {
  const gc = (global as { gc?: () => void }).gc;
  gc?.();
  const start = used();
  let peak = start;
  const sampler = setInterval(() => (peak = Math.max(peak, used())), 2);
  try {
    await work();
  } finally {
    clearInterval(sampler);
  }
  peak = Math.max(peak, used());
  return peak - start;
}

/** `head`, then `total` bytes of `fill` without a newline, written as fast as the client reads; stops when it goes. */
async function flood(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  head: string,
  total: number,
): Promise<void> {
  res.writeHead(status, headers);
  res.write(head);
  const piece = Buffer.alloc(256 * 1024, 'a');
  for (let sent = 0; sent < total && !res.destroyed; sent += piece.length) {
    if (!res.write(piece)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          res.off('drain', done).off('close', done);
          resolve();
        };
        res.on('drain', done).on('close', done);
      });
    }
  }
  if (!res.destroyed) res.end();
}

describe('bounded reads: hostile answers cost bounded memory and fail over', function () {
  this.timeout(60_000);
  let hostile: FakeServer;
  let healthy: FakeServer;
  const http = createHttpClient({ connectTimeoutMs: 2000, firstByteTimeoutMs: 5000, idleTimeoutMs: 5000 });

  before(async () => {
    hostile = await startFakeServer();
    healthy = await startFakeServer();
    healthy.route('POST', '/chat/completions', (_req, res) => {
      res.writeHead(200, sseHeaders());
      res.end(sseFromPayloads([openaiChunk({ content: 'fine' }), openaiChunk({}, 'stop')]));
    });
  });
  after(async () => {
    await http.close();
    await Promise.all([hostile.close(), healthy.close()]);
  });

  async function routed(): Promise<RoutedEvent[]> {
    const router = await buildRouter(
      {
        file: 'skynet.toml',
        slots: [healthySlot(hostile.url, 'hostile'), healthySlot(healthy.url, 'healthy')],
        router: FAULT_SETTINGS,
        fromEnvironment: false,
      },
      {
        http,
        logger: silentLogger,
        credentials: new MemoryCredentialStore(),
        env: {},
        now: () => Date.now(),
        homeDir: '/nonexistent',
      },
    );
    const events: RoutedEvent[] = [];
    for await (const event of router.streamChat(REQUEST)) events.push(event);
    return events;
  }

  const cases: Array<{ name: string; answer: (res: ServerResponse) => Promise<void>; kind: ProviderError['kind'] }> = [
    {
      name: 'an SSE line that never ends',
      answer: (res) => flood(res, 200, sseHeaders(), 'data: {"choices":[{"delta":{"content":"', HOSTILE_BYTES),
      kind: 'invalid-response',
    },
    {
      name: 'an error body',
      answer: (res) => flood(res, 503, { 'content-type': 'application/json' }, '{"error":{"message":"', HOSTILE_BYTES),
      kind: 'server',
    },
  ];

  for (const { name, answer, kind } of cases) {
    it(`${name} of ${HOSTILE_BYTES / 1048576} MB: the next slot answers, memory stays within ${PEAK_TOLERANCE_BYTES / 1048576} MB`, async () => {
      hostile.route('POST', '/chat/completions', (_req, res) => answer(res));
      let events: RoutedEvent[] = [];
      const growth = await peakGrowth(async () => {
        events = await routed();
      });
      const failover = events.find((event) => event.type === 'failover');
      assert.ok(failover?.type === 'failover');
      assert.equal(failover.kind, kind, `failed over on ${failover.message}`);
      assert.equal(events.flatMap((event) => (event.type === 'text-delta' ? [event.text] : [])).join(''), 'fine');
      process.stdout.write(`    peak growth ${(growth / 1048576).toFixed(1)} MB\n`);
      assert.ok(growth < PEAK_TOLERANCE_BYTES, `memory grew ${(growth / 1048576).toFixed(1)} MB`);
    });
  }

  it(`a ${HOSTILE_BYTES / 1048576} MB /models body is refused at the JSON limit, within the same memory`, async () => {
    hostile.route('GET', '/models', (_req, res) =>
      flood(res, 200, { 'content-type': 'application/json' }, '{"data":[{"id":"', HOSTILE_BYTES),
    );
    const client = createOpenAICompatibleClient({
      slotId: 'hostile',
      resolveEndpoint: async () => ({ baseUrl: hostile.url, headers: {} }),
      chatPath: '/chat/completions',
      defaultModel: 'm',
      http,
      logger: silentLogger,
    });
    let error: unknown;
    const growth = await peakGrowth(async () => {
      error = await client.listModels().then(
        () => undefined,
        (caught: unknown) => caught,
      );
    });
    assert.ok(error instanceof ProviderError && error.code === 'RESPONSE_TOO_LARGE', `refused: ${String(error)}`);
    process.stdout.write(`    peak growth ${(growth / 1048576).toFixed(1)} MB\n`);
    assert.ok(growth < PEAK_TOLERANCE_BYTES, `memory grew ${(growth / 1048576).toFixed(1)} MB`);
  });
});
