import * as assert from 'node:assert/strict';
import { EnvCredentialStore, MemoryCredentialStore, secretKeys } from '../../../src/auth/credentialStore';
import {
  addStoredKey,
  clearStoredKeys,
  readStoredKeys,
  removeStoredKey,
  replaceStoredKeys,
  withStoredKeys,
  workspaceKeyScope,
} from '../../../src/auth/storedKeys';
import { parseConfig } from '../../support/config';
import { buildRouter } from '../../../src/router/buildRouter';
import { fastHttpClient, providerDeps } from '../../fakes/providerHarness';
import { startKeyedServer, type KeyedServer } from '../../fakes/keyedServer';

const prompt = { messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'q' }] }] };
const CLIENT_A = 'gsk-client-a-000000000000aaaa';
const CLIENT_A2 = 'gsk-client-a-000000000000a222';
const CLIENT_B = 'gsk-client-b-000000000000bbbb';
const MINE = 'gsk-mine-0000000000000000mmmm';

describe('stored keys: several per slot, per workspace', () => {
  it('adds after the others, replaces all, removes one (the rest move up) or all', async () => {
    const store = new MemoryCredentialStore();
    const scope = workspaceKeyScope('file:///work/client-a');
    await addStoredKey(store, 'groq', scope, 'k1');
    await addStoredKey(store, 'groq', scope, 'k2');
    await addStoredKey(store, 'groq', scope, 'k3');
    assert.deepEqual(await readStoredKeys(store, 'groq', scope), ['k1', 'k2', 'k3']);
    assert.deepEqual(
      await readStoredKeys(store, 'groq', undefined),
      [],
      'a workspace key is not a key for all workspaces',
    );
    assert.equal(await store.get(`skynet.apiKey.groq@${scope}#2`), 'k2');
    await removeStoredKey(store, 'groq', scope, 0);
    assert.deepEqual(await readStoredKeys(store, 'groq', scope), ['k2', 'k3']);
    assert.equal(await store.get(secretKeys.apiKey('groq', 2, scope)), undefined);
    await replaceStoredKeys(store, 'groq', scope, 'only');
    assert.deepEqual(await readStoredKeys(store, 'groq', scope), ['only']);
    await clearStoredKeys(store, 'groq', scope);
    assert.deepEqual(await readStoredKeys(store, 'groq', scope), []);
  });

  it('names a workspace by a hash, so a secret name holds no path, and different workspaces differ', () => {
    const a = workspaceKeyScope('file:///home/me/clients/a');
    assert.match(a, /^[0-9a-f]{16}$/);
    assert.notEqual(a, workspaceKeyScope('file:///home/me/clients/b'));
  });

  it("the CLI reads a slot's 2nd, 3rd… key from <SLOT>_API_KEY_2, _3…, and never a workspace key from the environment", async () => {
    const store = new EnvCredentialStore({ GROQ_API_KEY: 'one', GROQ_API_KEY_2: 'two' });
    assert.deepEqual(await readStoredKeys(store, 'groq', undefined), ['one', 'two']);
    assert.deepEqual(await readStoredKeys(store, 'groq', workspaceKeyScope('x')), []);
  });

  describe('workspace key isolation, against a service that answers per key', () => {
    const http = fastHttpClient();
    let server: KeyedServer;
    beforeEach(async () => {
      server = await startKeyedServer({ [CLIENT_A]: 'ok', [CLIENT_A2]: 'ok', [CLIENT_B]: 'ok', [MINE]: 'ok' });
    });
    afterEach(() => server.close());
    after(() => http.close());

    async function askFrom(workspace: string | undefined, store: MemoryCredentialStore) {
      const parsed = parseConfig(
        `[[providers.openai_compat]]\nid = "groq"\nbase_url = "${server.url}/v1"\nmodel = "m"\n`,
        'skynet.toml',
        {},
      );
      assert.ok(parsed.ok);
      const config = await withStoredKeys(parsed.config, store, workspace && workspaceKeyScope(workspace));
      const router = await buildRouter(config, providerDeps(http, { credentials: store }));
      return { router, answer: await router.send(prompt).catch((error: Error) => error) };
    }

    it("a request from workspace B never carries A's key; A uses its own keys, which win over the user's", async () => {
      const store = new MemoryCredentialStore();
      await addStoredKey(store, 'groq', workspaceKeyScope('file:///clients/a'), CLIENT_A);
      await addStoredKey(store, 'groq', workspaceKeyScope('file:///clients/a'), CLIENT_A2);
      await addStoredKey(store, 'groq', workspaceKeyScope('file:///clients/b'), CLIENT_B);

      // Workspace C has no key of its own and the user has none for all workspaces: nothing is sent.
      const none = await askFrom('file:///clients/c', store);
      assert.ok(none.answer instanceof Error);
      assert.equal(none.router.slots[0].unavailableCode, 'needs-credentials');
      assert.equal(server.requests.length, 0);

      await addStoredKey(store, 'groq', undefined, MINE);
      await askFrom('file:///clients/b', store);
      await askFrom('file:///clients/c', store);
      await askFrom(undefined, store);
      const a = await askFrom('file:///clients/a', store);
      assert.deepEqual(server.keysSeen(), [CLIENT_B, MINE, MINE, CLIENT_A]);
      assert.deepEqual(
        a.router.health()[0].keys?.map((key) => [key.key, key.origin, key.hint]),
        [
          [1, 'workspace', '…aaaa'],
          [2, 'workspace', '…a222'],
        ],
      );

      // A's first key is rate-limited: A rotates to its own second key, never to the user's or B's.
      server.answer(CLIENT_A, { status: 429, retryAfterSeconds: 60 });
      await askFrom('file:///clients/a', store);
      assert.deepEqual(server.keysSeen().slice(4), [CLIENT_A, CLIENT_A2]);
    });
  });
});
