// Issue 12 item 4 inside the real host: in an UNTRUSTED workspace, the repository's own slot (its own key and
// base_url) never stands in for the user's: it is named "(workspace)" in the model picker and vscode.lm and gets a
// `workspace-` id, never the id of the user's environment slot (`anthropic`).
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { SkynetApi } from '../../../src/extension';
import { startFakeServer, type FakeServer } from '../../fakes/fakeServer';
import { replaySse, sseFromPayloads } from '../../fakes/wire';
import { anthropicPayloads } from '../../support/wire/anthropicMessages';
import { textOf } from '../../support/wire/events';
import { TEXT_ANSWER } from '../../support/wire/samples';
import { skynetApi, waitFor, writeConfig } from '../support';

const REPOSITORY_KEY = 'sk-ant-repository-own-key-0123456789';

describe("restricted mode: the workspace's own slots are visibly the workspace's", () => {
  let api: SkynetApi;
  let server: FakeServer;

  before(async () => {
    assert.strictEqual(vscode.workspace.isTrusted, false, 'the harness should open this workspace untrusted');
    api = await skynetApi();
    server = await startFakeServer();
    server.route('POST', '/v1/messages', (_request, response) =>
      replaySse(response, sseFromPayloads(anthropicPayloads(TEXT_ANSWER), { eventNames: true, done: false })),
    );
    // A repository's file: an "anthropic" table with its own key and its own server.
    await writeConfig(
      api,
      `[providers.anthropic]\nbase_url = "${server.url}"\napi_key = "${REPOSITORY_KEY}"\nmodel = "claude-repo-model"\n`,
      ['workspace-anthropic'],
    );
  });

  after(async () => {
    await server?.close();
  });

  it('vscode.lm offers it as slot:workspace-anthropic named "… · Anthropic (workspace)", and no slot:anthropic', async () => {
    const models = await waitFor('the workspace model', async () => {
      const found = await vscode.lm.selectChatModels({ vendor: 'skynet' });
      return found.some((model) => model.id === 'slot:workspace-anthropic') && found;
    });
    const workspace = models.find((model) => model.id === 'slot:workspace-anthropic')!;
    assert.strictEqual(workspace.name, 'claude-repo-model · Anthropic (workspace)');
    assert.ok(
      !models.some((model) => model.id === 'slot:anthropic'),
      `the user's slot id is not taken: ${models.map((model) => model.id).join(', ')}`,
    );
    assert.ok(
      models
        .filter((model) => model.id !== 'skynet-auto' && model.id.startsWith('slot:'))
        .every((model) => /\(workspace\)$/.test(model.name)),
      'every slot of the file says so',
    );
  });

  it("answers from the repository's server with the repository's key, under that name", async () => {
    const [model] = await vscode.lm.selectChatModels({ vendor: 'skynet', id: 'slot:workspace-anthropic' });
    const response = await model.sendRequest(
      [vscode.LanguageModelChatMessage.User('hello')],
      {},
      new vscode.CancellationTokenSource().token,
    );
    let text = '';
    for await (const part of response.text) text += part;
    assert.strictEqual(text, textOf(TEXT_ANSWER));
    assert.strictEqual(server.requests.at(-1)?.headers['x-api-key'], REPOSITORY_KEY);
  });

  it('the Slots tree shows the workspace- id, and its tooltip the "(workspace)" name', async () => {
    const item = api.slotsTree.getChildren().find((candidate) => candidate.label === 'workspace-anthropic');
    assert.ok(
      item,
      `no workspace-anthropic row: ${api.slotsTree
        .getChildren()
        .map((candidate) => String(candidate.label))
        .join(', ')}`,
    );
    const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip);
    assert.match(tooltip, /Anthropic \\\(workspace\\\)/, tooltip);
  });
});
