// Azure OpenAI / Foundry inside the real host (issue 14 item 1): an [providers.azure] slot answers through vscode.lm
// with the resource key the user stored in Secret Storage, sent as Azure's `api-key` header to the v1 path with the
// deployment as the model; the Responses API (api = "openai-responses") the same way.
import * as assert from 'node:assert';
import type { SkynetApi } from '../../src/extension';
import { azureOpenAIHandler } from '../fakes/azureOpenAI';
import { startFakeServer, type FakeServer } from '../fakes/fakeServer';
import { textOf } from '../support/wire/events';
import { TEXT_ANSWER } from '../support/wire/samples';
import { askSlotModel, skynetApi, storeKey, waitFor, writeConfig } from './support';

const KEY = 'azure-host-key-0123456789abcdef';

describe('Azure slot in VS Code: its key from Secret Storage', () => {
  let api: SkynetApi;
  let server: FakeServer;

  const table = (extra = '') =>
    `[providers.azure]\nbase_url = "${server.url}"\nmodel = "gpt-5.5"\ndeployments = { "gpt-5.5" = "prod-gpt55" }\n${extra}`;

  before(async () => {
    api = await skynetApi();
    server = await startFakeServer(azureOpenAIHandler({ apiKey: KEY, deployments: ['prod-gpt55'] }));
    // The fake is not an Azure host: approve its origin for the key, as the origin modal would.
    await storeKey(api, 'azure', KEY, server);
    await writeConfig(api, table(), ['azure']);
  });

  after(async () => {
    await api.secrets.delete('skynet.apiKey.azure');
    await api.secrets.delete('skynet.apiKey.azure.origins');
    await writeConfig(api, '', []);
    await server?.close();
  });

  it('answers through vscode.lm on /openai/v1/chat/completions with the stored key as api-key', async () => {
    assert.strictEqual(await askSlotModel('azure', 'hello Azure'), textOf(TEXT_ANSWER));
    const request = server.requests.at(-1)!;
    assert.strictEqual(request.url, '/openai/v1/chat/completions');
    assert.strictEqual(request.headers['api-key'], KEY);
    assert.strictEqual(request.headers.authorization, undefined);
    assert.strictEqual(request.json.model, 'prod-gpt55');
  });

  it('with api = "openai-responses" the same slot answers on /openai/v1/responses', async () => {
    const before = server.requests.length;
    await writeConfig(api, table('api = "openai-responses"\n'), ['azure']);
    // The slot id stays the same: wait until the router serving it is the rebuilt one.
    await waitFor('the slot with api = "openai-responses"', () => {
      const config = api.service.router?.slots.find((slot) => slot.config.id === 'azure')?.config;
      return config?.kind === 'azure' && config.api === 'openai-responses';
    });
    assert.strictEqual(await askSlotModel('azure', 'hello Responses'), textOf(TEXT_ANSWER));
    const sent = server.requests.slice(before);
    assert.deepStrictEqual(
      sent.map((request) => request.url),
      ['/openai/v1/responses'],
    );
    assert.strictEqual(sent[0].headers['api-key'], KEY);
    assert.strictEqual(sent[0].json.model, 'prod-gpt55');
  });
});
