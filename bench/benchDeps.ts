import { generateKeyPairSync } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MemoryCredentialStore } from '../src/auth/credentialStore';
import type { ProviderDeps } from '../src/providers/types';
import { createHttpClient } from '../src/util/http';
import { silentLogger } from '../src/util/logger';

/** A throwaway Google service-account key whose token_uri is the bench server (for the Vertex client). */
function writeServiceAccount(dir: string, serverUrl: string): string {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const file = path.join(dir, 'bench-service-account.json');
  const account = {
    type: 'service_account',
    project_id: 'bench-project',
    private_key_id: 'bench-key-id',
    private_key: privateKey,
    client_email: 'bench@bench-project.iam.gserviceaccount.com',
    token_uri: `${serverUrl}/token`,
  };
  fs.writeFileSync(file, JSON.stringify(account), { mode: 0o600 });
  return file;
}

/**
 * The deps a slot gets in the extension: one keep-alive HTTP client, a silent logger, and fake cloud
 * credentials (AWS keys in the environment, a service-account key file) that only the bench server accepts.
 */
export function benchDeps(serverUrl: string): ProviderDeps & { close(): Promise<void> } {
  const http = createHttpClient();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skynet-bench-'));
  return {
    http,
    logger: silentLogger,
    credentials: new MemoryCredentialStore(),
    env: {
      AWS_ACCESS_KEY_ID: 'AKIDBENCH',
      AWS_SECRET_ACCESS_KEY: 'bench-secret',
      AWS_REGION: 'us-east-1',
      GOOGLE_APPLICATION_CREDENTIALS: writeServiceAccount(dir, serverUrl),
    },
    now: () => Date.now(),
    homeDir: dir,
    async close() {
      await http.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
