import * as assert from 'node:assert/strict';
import {
  createOpenAICompatibleClient,
  type OpenAICompatibleOptions,
} from '../../../../src/providers/openaiCompatible/client';
import type { ChatEvent, ChatRequest, ProviderClient } from '../../../../src/providers/types';
import { ProviderError } from '../../../../src/util/errors';
import { createHttpClient } from '../../../../src/util/http';
import { silentLogger } from '../../../../src/util/logger';
import { startFakeServer, type FakeServer } from '../../../fakes/fakeServer';

export const TEST_KEY = 'sk-test-0123456789abcdef';

/** An HTTP client with small timeouts so fault tests stay fast. */
export function createTestHttp(): ReturnType<typeof createHttpClient> {
  return createHttpClient({ connectTimeoutMs: 1000, firstByteTimeoutMs: 1000, idleTimeoutMs: 200 });
}

/**
 * Registers mocha hooks for a suite: a fresh fake server per test (closed after it) and one HTTP client.
 * `server` always stands for the current test's server.
 */
export function useFakeServer(): { server: FakeServer; http: ReturnType<typeof createHttpClient> } {
  let current: FakeServer | undefined;
  const live = (): FakeServer => {
    if (!current) throw new Error('no fake server outside a test');
    return current;
  };
  const http = createTestHttp();
  beforeEach(async () => (current = await startFakeServer()));
  afterEach(async () => live().close());
  after(() => http.close());
  const server: FakeServer = {
    get url() {
      return live().url;
    },
    get requests() {
      return live().requests;
    },
    route: (method, path, handler) => live().route(method, path, handler),
    openSockets: () => live().openSockets(),
    close: () => live().close(),
  };
  return { server, http };
}

export function createTestClient(
  server: FakeServer,
  http: ReturnType<typeof createHttpClient>,
  overrides: Partial<OpenAICompatibleOptions> = {},
): ProviderClient {
  return createOpenAICompatibleClient({
    slotId: 'compat',
    chatPath: '/chat/completions',
    defaultModel: 'test-model',
    http,
    logger: silentLogger,
    async resolveEndpoint() {
      return { baseUrl: `${server.url}/v1`, headers: { authorization: `Bearer ${TEST_KEY}` } };
    },
    ...overrides,
  });
}

export const HELLO: ChatRequest = { messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }] };

export async function collectEvents(events: AsyncIterable<ChatEvent>): Promise<ChatEvent[]> {
  const out: ChatEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

/** Runs `action`, which must fail with a ProviderError, and returns that error. */
export async function expectProviderError(action: Promise<unknown> | (() => Promise<unknown>)): Promise<ProviderError> {
  try {
    await (typeof action === 'function' ? action() : action);
  } catch (error) {
    assert.ok(error instanceof ProviderError, `expected a ProviderError, got ${String(error)}`);
    assert.doesNotMatch(error.message, new RegExp(TEST_KEY), 'the error must not contain the key');
    return error;
  }
  assert.fail('expected a ProviderError');
}

export function textOfEvents(events: ChatEvent[], type: 'text-delta' | 'reasoning-delta' = 'text-delta'): string {
  return events.map((event) => (event.type === type ? event.text : '')).join('');
}

/** One Chat Completions chunk payload (the `data:` JSON) with a single choice. */
export function chunk(delta: Record<string, unknown>, finish: string | null = null): string {
  return JSON.stringify({
    id: 'c1',
    object: 'chat.completion.chunk',
    choices: [{ index: 0, delta, finish_reason: finish }],
  });
}
