// Skynet: Choose Model… inside the real host: discovery from a fake server's /models, the choice written into skynet.toml.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SkynetApi } from '../../src/extension';
import type { ChooseModelResult } from '../../src/commands/chooseModelCommand';
import { startFakeServer, type FakeServer } from '../fakes/fakeServer';
import { skynetApi, waitFor, workspaceRoot, writeConfig } from './support';

const MODELS = {
  object: 'list',
  data: [
    { id: 'model-one', object: 'model' },
    { id: 'big-model', object: 'model' },
    { id: 'small-model', object: 'model' },
  ],
};

describe('Choose Model', () => {
  let api: SkynetApi;
  let server: FakeServer;

  before(async () => {
    api = await skynetApi();
    server = await startFakeServer();
    for (const route of ['/models', '/v1/models']) {
      server.route('GET', route, (_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(MODELS));
      });
    }
  });

  after(async () => {
    await server?.close();
  });

  it("lists the slot's models and writes the chosen one into its table, comments and layout kept", async () => {
    const config = [
      '# my endpoints',
      '[[providers.openai_compat]]',
      'id = "picker"',
      `base_url = "${server.url}"`,
      'model = "model-one"   # the default one',
      '',
      '# no model yet',
      '[[providers.openai_compat]]',
      'id = "bare"',
      `base_url = "${server.url}"`,
      '',
    ].join('\n');
    // A custom base_url is not a provider's own address: approve it, as the modal would (see originGuard).
    for (const slot of ['picker', 'bare'])
      await api.secrets.store(`skynet.apiKey.${slot}.origins`, JSON.stringify([new URL(server.url).origin]));
    await writeConfig(api, config, ['picker', 'bare']);
    const file = path.join(workspaceRoot(), 'skynet.toml');

    const result = await vscode.commands.executeCommand<ChooseModelResult>('skynet.chooseModel', 'picker', {
      model: 'big-model',
    });
    assert.deepStrictEqual(result, {
      slot: 'picker',
      listed: ['model-one', 'big-model', 'small-model'],
      model: 'big-model',
      written: true,
    });
    assert.ok(
      server.requests.some((request) => request.method === 'GET' && /\/models$/.test(request.url)),
      'the models were not asked for',
    );
    assert.strictEqual(
      fs.readFileSync(file, 'utf8'),
      config.replace('model = "model-one"   # the default one', 'model = "big-model"   # the default one'),
    );
    await waitFor(
      'the slot to use big-model',
      () => api.service.router?.slots.find((slot) => slot.config.id === 'picker')?.config.model === 'big-model',
    );
    const item = api.slotsTree.getSlotItems().find((candidate) => candidate.slot.config.id === 'picker');
    assert.match(String(item?.description), /^big-model · /);

    // From the tree (the item is the argument), into a table without a model line; a typed id the list lacks.
    const bare = api.slotsTree.getSlotItems().find((candidate) => candidate.slot.config.id === 'bare');
    const typed = await vscode.commands.executeCommand<ChooseModelResult>('skynet.chooseModel', bare, {
      model: 'org/unlisted-model',
    });
    assert.strictEqual(typed.written, true);
    const after = fs.readFileSync(file, 'utf8');
    assert.strictEqual(
      after,
      config
        .replace('model = "model-one"   # the default one', 'model = "big-model"   # the default one')
        .replace(
          `id = "bare"\nbase_url = "${server.url}"\n`,
          `id = "bare"\nbase_url = "${server.url}"\nmodel = "org/unlisted-model"\n`,
        ),
    );
    await waitFor(
      'the bare slot to use the typed model',
      () => api.service.router?.slots.find((slot) => slot.config.id === 'bare')?.config.model === 'org/unlisted-model',
    );
  });

  it('is declared with an inline action on slot items', () => {
    const extension = vscode.extensions.getExtension('skynet-dev.skynet');
    const contributes = extension?.packageJSON.contributes as {
      commands: Array<{ command: string }>;
      menus: Record<string, Array<{ command: string; group?: string }>>;
    };
    assert.ok(contributes.commands.some((command) => command.command === 'skynet.chooseModel'));
    assert.ok(
      contributes.menus['view/item/context'].some(
        (entry) => entry.command === 'skynet.chooseModel' && entry.group?.startsWith('inline'),
      ),
    );
  });
});
