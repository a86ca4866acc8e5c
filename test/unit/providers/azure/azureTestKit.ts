import { MemoryCredentialStore, secretKeys } from '../../../../src/auth/credentialStore';
import type { AzureKeySlot } from '../../../../src/config/types';
import type { HttpClient } from '../../../../src/util/http';
import type { ProviderDeps } from '../../../../src/providers/types';
import { silentLogger } from '../../../../src/util/logger';

/** An `azure` slot with a stored key on `baseUrl` (the fake resource), v1 path unless overridden. */
export function azureKeySlot(baseUrl: string, overrides: Partial<AzureKeySlot> = {}): AzureKeySlot {
  return {
    id: 'azure',
    kind: 'azure',
    displayName: 'Azure OpenAI',
    model: 'gpt-5.5',
    baseUrl,
    apiKey: { type: 'store' },
    apiVersion: 'v1',
    deployments: {},
    source: { file: 'skynet.toml', line: 1, column: 1 },
    ...overrides,
  };
}

/** Provider deps whose credential store holds `key` as the azure slot's stored key. */
export function azureDeps(http: HttpClient, key: string): ProviderDeps {
  return {
    http,
    logger: silentLogger,
    credentials: new MemoryCredentialStore({ [secretKeys.apiKey('azure')]: key }),
    env: {},
    now: () => Date.now(),
    homeDir: '/tmp',
  };
}
