import { createAnthropicClient } from '../../../src/providers/anthropic/client';
import { MemoryCredentialStore } from '../../../src/auth/credentialStore';
import type { AnthropicSlot } from '../../../src/config/types';
import type { ProviderClient, ProviderDeps } from '../../../src/providers/types';
import { createHttpClient, type HttpClient } from '../../../src/util/http';
import { silentLogger } from '../../../src/util/logger';
import { startFakeServer, type FakeServer } from '../../fakes/fakeServer';

export const API_KEY = 'sk-ant-api03-SECRETKEYVALUE';
export const OAUTH_TOKEN = 'sk-ant-oat01-SECRETOAUTHVALUE';

/** Small timeouts so the fault tests stay fast. */
export function testHttp(): HttpClient & { close(): Promise<void> } {
  return createHttpClient({ connectTimeoutMs: 500, firstByteTimeoutMs: 1000, idleTimeoutMs: 200 });
}

export function testDeps(http: HttpClient): ProviderDeps {
  return { http, logger: silentLogger, credentials: new MemoryCredentialStore(), env: {}, now: () => Date.now(), homeDir: '/nonexistent' };
}

export function anthropicSlot(baseUrl: string, key: string | null = API_KEY): AnthropicSlot {
  return {
    id: 'claude',
    kind: 'anthropic',
    displayName: 'Anthropic',
    model: 'claude-sonnet-4-5',
    baseUrl,
    source: { file: 'skynet.toml', line: 1, column: 1 },
    apiKey: key === null ? { type: 'env', name: 'ANTHROPIC_API_KEY' } : { type: 'literal', value: key },
  };
}

export interface AnthropicHarness {
  server: FakeServer;
  http: HttpClient;
  client: ProviderClient;
}

/** Registers mocha hooks: a fresh fake server and client per test, one HTTP client per suite. */
export function useFakeAnthropic(): AnthropicHarness {
  const http = testHttp();
  const harness = { http } as unknown as AnthropicHarness;
  beforeEach(async () => {
    harness.server = await startFakeServer();
    harness.client = createAnthropicClient(anthropicSlot(harness.server.url), testDeps(http));
  });
  afterEach(async () => harness.server.close());
  after(() => http.close());
  return harness;
}
