import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { MemoryCredentialStore } from '../../src/auth/credentialStore';
import type { ChatEvent, ChatRequest, ProviderClient, ProviderDeps } from '../../src/providers/types';
import { ProviderError } from '../../src/util/errors';
import { createHttpClient, type HttpClient } from '../../src/util/http';
import { silentLogger } from '../../src/util/logger';
import { startFakeServer, type FakeServer } from './fakeServer';

/** An HTTP client with small timeouts, so fault tests (stall → idle timeout) stay fast. */
export function fastHttpClient(): HttpClient & { close(): Promise<void> } {
  return createHttpClient({ connectTimeoutMs: 500, firstByteTimeoutMs: 1000, idleTimeoutMs: 200 });
}

/** ProviderDeps for a client under test: silent logger, empty in-memory credentials and environment. */
export function providerDeps(http: HttpClient, overrides: Partial<ProviderDeps> = {}): ProviderDeps {
  return {
    http,
    logger: silentLogger,
    credentials: new MemoryCredentialStore(),
    env: {},
    now: () => Date.now(),
    homeDir: '/nonexistent',
    ...overrides,
  };
}

export interface ProviderHarness {
  server: FakeServer;
  http: HttpClient;
  client: ProviderClient;
}

/** Registers mocha hooks: a fresh fake server and a client pointed at it per test, one HTTP client per suite. */
export function useFakeProvider(create: (baseUrl: string, deps: ProviderDeps) => ProviderClient): ProviderHarness {
  const http = fastHttpClient();
  const harness = { http } as unknown as ProviderHarness;
  beforeEach(async () => {
    harness.server = await startFakeServer();
    harness.client = create(harness.server.url, providerDeps(http));
  });
  afterEach(async () => harness.server.close());
  after(() => http.close());
  return harness;
}

/** Streams, aborting right after the first event; expects a `cancelled` error and returns what arrived. */
export async function streamAndCancelAfterFirstEvent(
  client: ProviderClient,
  request: ChatRequest,
): Promise<ChatEvent[]> {
  const controller = new AbortController();
  const events: ChatEvent[] = [];
  let caught: unknown;
  try {
    for await (const event of client.streamChat(request, { signal: controller.signal })) {
      events.push(event);
      controller.abort();
    }
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof ProviderError, `expected a ProviderError, got ${String(caught)}`);
  assert.equal(caught.kind, 'cancelled');
  return events;
}

/** Streams until the client fails; returns the typed error and the events that came first. Fails if nothing fails. */
export async function streamUntilError(
  client: ProviderClient,
  request: ChatRequest,
): Promise<{ error: ProviderError; events: ChatEvent[] }> {
  const events: ChatEvent[] = [];
  try {
    for await (const event of client.streamChat(request)) events.push(event);
  } catch (error) {
    assert.ok(error instanceof ProviderError, `expected a ProviderError, got ${String(error)}`);
    return { error, events };
  }
  assert.fail('expected the stream to fail with a ProviderError');
}

/** A URL on 127.0.0.1 where nothing listens (connection refused). */
export async function refusedUrl(): Promise<string> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  return `http://127.0.0.1:${port}`;
}
