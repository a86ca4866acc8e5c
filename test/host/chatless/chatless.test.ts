// An editor without VS Code's chat (a fork without a chat extension, or one that omits vscode.lm / vscode.chat):
// Skynet still activates, and everything that is not chat works.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SkynetApi } from '../../../src/extension';
import type { FakeServer } from '../../fakes/fakeServer';
import {
  askSlotModel,
  chatRequests,
  compatTable,
  EXTENSION_ID,
  fakeService,
  replyText,
  screenshot,
  skynetApi,
  storeKey,
  waitFor,
  writeConfig,
} from '../support';

const mode = process.env.SKYNET_HOST_CHATLESS;

describe(`Skynet without chat (${mode === 'api' ? 'vscode.lm and vscode.chat removed' : 'the chat extension disabled'})`, () => {
  let api: SkynetApi;
  let service: FakeServer;
  let tokenFolder: string;

  before(async () => {
    api = await skynetApi();
    service = await fakeService((_request, response) => replyText(response, 'pong'));
    tokenFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'skynet-chatless-'));
    await storeKey(api, 'omega', 'sk-host-omega-0123456789', service);
    await writeConfig(
      api,
      `${compatTable('omega', service, 'fake-model-o')}\n[providers.copilot]\ntoken_path = "${path.join(tokenFolder, 'token')}"\n`,
      ['omega', 'copilot'],
    );
  });

  after(async () => {
    await service?.close();
    fs.rmSync(tokenFolder, { recursive: true, force: true });
  });

  it('activates without throwing', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension?.isActive, 'Skynet is not active');
  });

  if (mode === 'api') {
    it('shows one notice naming both missing surfaces and pointing to the CLI', async () => {
      assert.deepStrictEqual(
        api.chatSurfaces.states.map((state) => [state.surface, state.available]),
        [
          ['models', false],
          ['participant', false],
        ],
      );
      const notice = api.chatSurfaces.notice ?? '';
      assert.match(notice, /model picker .*vscode\.lm.* and @skynet .*vscode\.chat.* are not available in this editor/);
      assert.match(notice, /skynet chat/);
      await vscode.commands.executeCommand('notifications.showList');
      await screenshot('chatless-notice');
    });
  } else {
    it("still serves its models through vscode.lm (the API is the editor's, not the chat extension's)", async () => {
      // Both APIs exist, so both register and no notice is shown (docs/vscode.md: Where Skynet runs).
      assert.deepStrictEqual(
        api.chatSurfaces.states.map((state) => [state.surface, state.available]),
        [
          ['models', true],
          ['participant', true],
        ],
      );
      assert.strictEqual(api.chatSurfaces.notice, undefined);
      assert.strictEqual(await askSlotModel('omega', 'ping'), 'pong');
    });
  }

  it('the Slots view lists the slots and the Sign-ins view the Copilot sign-in', async () => {
    assert.deepStrictEqual(
      api.slotsTree.getChildren().map((item) => item.label),
      ['omega', 'copilot'],
    );
    const signIn = (await api.signInsTree.getChildren()).find((item) => item.id === 'signin:copilot');
    assert.strictEqual(signIn?.description, 'not signed in');
  });

  it('setup commands work: Set API Key stores the key, Test Slots reaches the slot', async () => {
    await vscode.commands.executeCommand('skynet.setApiKey', 'omega', 'sk-host-omega-9876543210');
    assert.strictEqual(await api.secrets.get('skynet.apiKey.omega'), 'sk-host-omega-9876543210');
    await waitFor(
      'omega rebuilt with the new key',
      () => api.service.router?.slots.find((slot) => slot.config.id === 'omega')?.client,
    );
    const results = await vscode.commands.executeCommand<Array<{ slot: string; ok: boolean }>>(
      'skynet.testSlots',
      'omega',
      { silent: true },
    );
    assert.deepStrictEqual(
      results.map((result) => [result.slot, result.ok]),
      [['omega', true]],
    );
    assert.strictEqual(chatRequests(service).at(-1)?.headers.authorization, 'Bearer sk-host-omega-9876543210');
  });
});
