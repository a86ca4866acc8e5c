import { MemoryCredentialStore } from '../src/auth/credentialStore';
import type { ProviderDeps } from '../src/providers/types';
import { createHttpClient } from '../src/util/http';
import { silentLogger } from '../src/util/logger';

/** The deps a slot gets in the extension: one keep-alive HTTP client, a silent logger, fake cloud credentials. */
export function benchDeps(): ProviderDeps & { close(): Promise<void> } {
  const http = createHttpClient();
  return {
    http,
    logger: silentLogger,
    credentials: new MemoryCredentialStore(),
    env: { AWS_ACCESS_KEY_ID: 'AKIDBENCH', AWS_SECRET_ACCESS_KEY: 'bench-secret', AWS_REGION: 'us-east-1' },
    now: () => Date.now(),
    homeDir: '/nonexistent',
    close: () => http.close(),
  };
}
