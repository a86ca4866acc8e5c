// Skynet in a workspace that is NOT trusted (Restricted Mode), inside the real host.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SkynetApi } from '../../../src/extension';
import type { FakeServer } from '../../fakes/fakeServer';
import {
  chatRequests,
  compatTable,
  fakeService,
  replyText,
  screenshot,
  skynetApi,
  storeKey,
  waitFor,
  writeConfig,
} from '../support';

describe('restricted mode (untrusted workspace)', () => {
  let api: SkynetApi;
  let stored: FakeServer; // the slot that would use the user's key from Secret Storage
  let repo: FakeServer; // the slot whose key is written in the workspace file itself
  let mine: FakeServer; // the slot of the user's own ~/.skynet/skynet.toml

  before(async () => {
    assert.strictEqual(vscode.workspace.isTrusted, false, 'the harness should open this workspace untrusted');
    api = await skynetApi();
    stored = await fakeService((_request, response) => replyText(response, 'the stored key reached me'));
    repo = await fakeService((_request, response) => replyText(response, 'Repository slot answering.'));
    mine = await fakeService((_request, response) => replyText(response, 'Your own config answering.'));
    // The user's key, approved for the fake server's origin, so only trust can be what holds it back.
    await storeKey(api, 'stored', 'sk-user-secret-0123456789', stored);
    await writeConfig(
      api,
      `${compatTable('stored', stored, 'stored-model')}\n${compatTable('repo', repo, 'repo-model')}api_key = "sk-repository-own-key"\n`,
      ['stored', 'repo'],
    );
  });

  after(async () => {
    await stored?.close();
    await repo?.close();
    await mine?.close();
  });

  it('builds no client for the stored-key slot and shows it unavailable with the trust reason', () => {
    const slot = api.service.router!.slots.find((candidate) => candidate.config.id === 'stored')!;
    assert.strictEqual(slot.client, undefined);
    assert.match(
      slot.unavailableReason ?? '',
      /^workspace not trusted: skynet\.toml of this workspace .*API key from Secret Storage/,
    );
    assert.ok(
      api.service.router!.slots.find((candidate) => candidate.config.id === 'repo')?.client,
      "the repository's own key keeps serving",
    );
    assert.strictEqual(api.service.restricted, true);
  });

  it('explains it in the tree with Trust Workspace and Use My User-Level Config', async () => {
    const items = api.slotsTree.getChildren();
    assert.deepStrictEqual(
      items.slice(0, 3).map((item) => item.label),
      ['Workspace not trusted: 1 slot(s) disabled', 'Trust Workspace', 'Use My User-Level Config'],
    );
    assert.strictEqual(items[1].command?.command, 'workbench.trust.manage');
    assert.strictEqual(items[2].command?.command, 'skynet.useUserConfig');
    assert.match(String(items[0].tooltip), /not trusted.*stored API keys/);
    const slot = items.find((item) => item.label === 'stored');
    assert.match(String(slot?.description), /^stored-model · unavailable: workspace not trusted/);
    await vscode.commands.executeCommand('workbench.view.extension.skynet');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await screenshot('untrusted-tree');
  });

  it('offers no model for the disabled slot, and nothing reaches its server through vscode.lm or @skynet', async () => {
    const models = await vscode.lm.selectChatModels({ vendor: 'skynet' });
    const ids = models.map((model) => model.id);
    assert.ok(!ids.includes('slot:stored'), `disabled slot offered: ${ids.join(', ')}`);
    assert.ok(ids.includes('slot:repo'), `usable slot missing: ${ids.join(', ')}`);
    const auto = models.find((model) => !model.id.startsWith('slot:'))!;
    const response = await auto.sendRequest(
      [vscode.LanguageModelChatMessage.User('ping')],
      {},
      new vscode.CancellationTokenSource().token,
    );
    let text = '';
    for await (const part of response.text) text += part;
    assert.strictEqual(text, 'Repository slot answering.');
    assert.strictEqual(chatRequests(repo).at(-1)?.headers.authorization, 'Bearer sk-repository-own-key');
    // Pinned to the disabled slot: refused with the reason, no connection made.
    await assert.rejects(
      api.service.router!.send(
        { messages: [{ role: 'user', content: [{ type: 'text', text: 'q' }] }] },
        { slotId: 'stored' },
      ),
      /workspace not trusted/,
    );
    await vscode.commands.executeCommand('workbench.action.chat.open');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const before = chatRequests(repo).length;
    await vscode.commands.executeCommand('workbench.action.chat.open', { query: '@skynet hello from restricted mode' });
    await waitFor('@skynet to answer through the repository slot', () => chatRequests(repo).length > before, 20_000);
    await screenshot('untrusted-chat');
    assert.strictEqual(stored.requests.length, 0, "the stored key's server received a request");
  });

  it('with only disabled slots, nothing is offered or sent (VS Code chat then refuses before @skynet runs: no model)', async () => {
    await writeConfig(api, compatTable('stored', stored, 'stored-model'), ['stored']);
    await vscode.commands.executeCommand('workbench.action.chat.open', { query: '@skynet is anyone there?' });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await screenshot('untrusted-chat-no-slot');
    assert.strictEqual(stored.requests.length, 0, "the stored key's server received a request");
    assert.deepStrictEqual(
      (await vscode.lm.selectChatModels({ vendor: 'skynet' })).map((model) => model.id),
      [],
    );
    await writeConfig(
      api,
      `${compatTable('stored', stored, 'stored-model')}\n${compatTable('repo', repo, 'repo-model')}api_key = "sk-repository-own-key"\n`,
      ['stored', 'repo'],
    );
  });

  it('Use My User-Level Config reads ~/.skynet/skynet.toml in this window, with every slot usable, and goes back', async () => {
    assert.ok(
      os.homedir().startsWith(os.tmpdir()) || os.homedir().includes('.vscode-test'),
      `HOME is not the harness's throwaway folder: ${os.homedir()}`,
    );
    const file = path.join(os.homedir(), '.skynet', 'skynet.toml');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, compatTable('mine', mine, 'mine-model'));
    await storeKey(api, 'mine', 'sk-user-mine-0123456789', mine);
    await vscode.commands.executeCommand('skynet.useUserConfig');
    await waitFor(
      'the user-level slots',
      () => api.service.router?.slots.map((slot) => slot.config.id).join(',') === 'mine',
    );
    assert.strictEqual(api.service.configFile, file);
    assert.strictEqual(api.service.restricted, false);
    assert.ok(api.service.router!.slots[0].client, "the user's own file may use the user's key");
    const [model] = await waitFor('the mine model', async () => {
      const found = await vscode.lm.selectChatModels({ vendor: 'skynet', id: 'slot:mine' });
      return found.length > 0 ? found : undefined;
    });
    const response = await model.sendRequest(
      [vscode.LanguageModelChatMessage.User('ping')],
      {},
      new vscode.CancellationTokenSource().token,
    );
    for await (const _text of response.text) {
      /* drain */
    }
    assert.strictEqual(chatRequests(mine).at(-1)?.headers.authorization, 'Bearer sk-user-mine-0123456789');
    assert.match(String(api.slotsTree.getChildren()[0].label), /^Using .*skynet\.toml · Use Workspace Config$/);
    await vscode.commands.executeCommand('skynet.useWorkspaceConfig');
    await waitFor(
      'the workspace slots again',
      () => api.service.router?.slots.map((slot) => slot.config.id).join(',') === 'stored,repo',
    );
    assert.strictEqual(api.service.router!.slots[0].client, undefined);
    assert.strictEqual(stored.requests.length, 0);
  });

  it('Set API Key for a disabled slot stores nothing (it explains instead)', async () => {
    await api.secrets.delete('skynet.apiKey.repo');
    // The warning waits for a click; do not await it.
    void vscode.commands.executeCommand('skynet.setApiKey', 'stored', 'sk-should-not-be-stored');
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.strictEqual(await api.secrets.get('skynet.apiKey.stored'), 'sk-user-secret-0123456789');
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('Choose Model on a disabled slot lists nothing (nothing reaches its server) but may still write a typed model id', async () => {
    const file = api.service.configFile!;
    const before = fs.readFileSync(file, 'utf8');
    const result = await vscode.commands.executeCommand<{ listed: string[]; written: boolean }>(
      'skynet.chooseModel',
      'stored',
      { model: 'typed-model' },
    );
    assert.deepStrictEqual(result.listed, []);
    assert.strictEqual(result.written, true);
    assert.strictEqual(stored.requests.length, 0, 'the disabled slot was asked for its models');
    assert.strictEqual(
      fs.readFileSync(file, 'utf8'),
      before.replace('model = "stored-model"', 'model = "typed-model"'),
    );
    await waitFor(
      'the disabled slot to show the new model',
      () => api.service.router?.slots.find((slot) => slot.config.id === 'stored')?.config.model === 'typed-model',
    );
  });
});
