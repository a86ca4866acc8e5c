import * as assert from 'node:assert/strict';
import { MemoryCredentialStore, secretKeys } from '../../../src/auth/credentialStore';
import { parseConfig } from '../../support/config';
import { REGISTRY } from '../../../src/providers/registry';
import { buildRouterSlot } from '../../../src/router/buildRouter';
import { startFakeServer, type FakeServer } from '../../fakes/fakeServer';
import { fastHttpClient, providerDeps } from '../../fakes/providerHarness';
import { openaiChunk, replaySse, replyError, sseFromPayloads } from '../../fakes/wire';
import { collectEvents, HELLO, textOfEvents } from './openaiCompatible/openaiTestKit';

const KEY = 'registry-row-key-0123456789';

/**
 * Every registry row answers a chat through its own path: the fake serves `<row path>/chat/completions` only, with
 * the row's Bearer key only, so a row whose path or auth is wrong fails here (the host is swapped for the fake's).
 */
describe('every registry row streams a chat from a fake at its own path', () => {
  let server: FakeServer;
  const http = fastHttpClient();
  before(async () => {
    server = await startFakeServer((request, response) => {
      const row = REGISTRY.find(
        (entry) =>
          request.url.split('?')[0] === `${new URL(entry.baseUrl).pathname.replace(/\/+$/, '')}/chat/completions`,
      );
      if (request.method !== 'POST' || !row)
        return replyError(response, 404, { error: { message: `no route ${request.url}` } });
      if (request.headers.authorization !== `Bearer ${KEY}`)
        return replyError(response, 401, { error: { message: 'bad key' } });
      void replaySse(
        response,
        sseFromPayloads([openaiChunk({ content: `model ${String(request.json.model)}` }, 'stop')]),
      );
    });
  });
  after(async () => {
    await server.close();
    await http.close();
  });

  for (const row of REGISTRY) {
    it(`${row.id} (${row.name})`, async () => {
      const path = new URL(row.baseUrl).pathname.replace(/\/+$/, '');
      const parsed = parseConfig(
        `[[providers.openai_compat]]\nid = "${row.id}"\nbase_url = "${server.url}${path}"\n`,
        'f',
        {},
      );
      assert.ok(parsed.ok, parsed.ok ? '' : parsed.errors[0].message);
      const credentials = new MemoryCredentialStore({ [secretKeys.apiKey(row.id)]: KEY });
      const built = await buildRouterSlot(parsed.config.slots[0], providerDeps(http, { credentials }));
      assert.ok(built.client, built.unavailableReason);
      assert.equal(textOfEvents(await collectEvents(built.client.streamChat(HELLO))), `model ${row.defaultModel}`);
    });
  }
});
