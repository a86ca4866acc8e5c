// @skynet inside the real chat view: invoked through workbench.action.chat.open, answers through the router.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { FakeServer } from '../fakes/fakeServer';
import { chatRequests, compatTable, fakeService, replyText, screenshot, skynetApi, storeKey, waitFor, writeConfig } from './support';
import type { SkynetApi } from '../../src/extension';

describe('@skynet chat participant', () => {
  let api: SkynetApi;
  let service: FakeServer;

  before(async () => {
    api = await skynetApi();
    service = await fakeService((request, response) => {
      const last = request.json.messages.at(-1).content as string;
      return replyText(response, last.includes('again') ? 'Second answer from delta.' : 'Hi! Delta answering through Skynet.');
    });
    await storeKey(api, 'delta', 'sk-host-delta-0123456789', service);
    await writeConfig(api, compatTable('delta', service, 'fake-model-d'), ['delta']);
  });

  after(async () => {
    await service?.close();
  });

  it('answers a question sent with workbench.action.chat.open', async () => {
    const before = chatRequests(service).length;
    await vscode.commands.executeCommand('workbench.action.chat.open', { query: '@skynet say hi from the host test' });
    const request = await waitFor('@skynet to call the fake service', () => chatRequests(service)[before], 20_000);
    const messages = request.json.messages as Array<{ role: string; content: string }>;
    assert.strictEqual(messages.at(-1)?.role, 'user');
    assert.match(messages.at(-1)!.content, /say hi from the host test$/);
    assert.ok(!messages.at(-1)!.content.includes('@skynet'), 'the participant name is not part of the prompt');
    await waitFor('the answer to be recorded', () => api.tracker.last?.slot === 'delta' && api.tracker.last.at > 0, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 800));
    await screenshot('chat-view');
  });

  it('sends the earlier turns of the conversation as history', async () => {
    const before = chatRequests(service).length;
    await vscode.commands.executeCommand('workbench.action.chat.open', { query: '@skynet and again, please' });
    const answered = api.tracker.last?.at ?? 0;
    const request = await waitFor('the second request', () => chatRequests(service)[before], 20_000);
    await waitFor('the second answer to finish', () => (api.tracker.last?.at ?? 0) > answered, 10_000);
    const messages = request.json.messages as Array<{ role: string; content: string }>;
    const roles = messages.map((message) => message.role);
    assert.deepStrictEqual(roles.slice(-3), ['user', 'assistant', 'user']);
    assert.match(messages.at(-3)!.content, /say hi from the host test/);
    assert.strictEqual(messages.at(-2)!.content.trim(), 'Hi! Delta answering through Skynet.');
  });
});
