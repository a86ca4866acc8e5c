// @skynet inside the real chat view: invoked through workbench.action.chat.open, answers through the router.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FakeServer } from '../fakes/fakeServer';
import { sseFromPayloads, sseHeaders, writeInPieces } from '../fakes/wire';
import {
  chatRequests,
  compatTable,
  fakeService,
  replyText,
  screenshot,
  skynetApi,
  storeKey,
  waitFor,
  workspaceRoot,
  writeConfig,
} from './support';
import type { SkynetApi } from '../../src/extension';

async function ask(query: string): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.chat.open', { query });
}

describe('@skynet chat participant', () => {
  let api: SkynetApi;
  let service: FakeServer;
  let backup: FakeServer;
  let breakNext = false;

  before(async () => {
    api = await skynetApi();
    service = await fakeService(async (request, response) => {
      const last = request.json.messages.at(-1).content as string;
      if (breakNext) {
        breakNext = false;
        // Half an answer, then the connection drops.
        return writeInPieces(
          response.writeHead(200, sseHeaders()),
          Buffer.from(
            sseFromPayloads([
              JSON.stringify({
                id: 'x',
                object: 'chat.completion.chunk',
                choices: [{ index: 0, delta: { content: 'The first half of ' }, finish_reason: null }],
              }),
              JSON.stringify({
                id: 'x',
                object: 'chat.completion.chunk',
                choices: [{ index: 0, delta: { content: 'an answer that never ends' }, finish_reason: null }],
              }),
            ]),
          ),
          { resetAfterBytes: 150 },
        );
      }
      return replyText(
        response,
        last.includes('again') ? 'Second answer from delta.' : 'Hi! Delta answering through Skynet.',
      );
    });
    backup = await fakeService((_request, response) => replyText(response, 'Epsilon answering.'));
    await storeKey(api, 'delta', 'sk-host-delta-0123456789', service);
    await storeKey(api, 'epsilon', 'sk-host-epsilon-0123456789', backup);
    await writeConfig(api, compatTable('delta', service, 'fake-model-d'), ['delta']);
    // A query sent before the chat view has picked a model is dropped: open it and let it see our models first.
    await vscode.commands.executeCommand('workbench.action.chat.open');
    await waitFor('the skynet models', async () => (await vscode.lm.selectChatModels({ vendor: 'skynet' })).length > 0);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  });

  after(async () => {
    await service?.close();
    await backup?.close();
  });

  it('answers a question sent with workbench.action.chat.open', async () => {
    const before = chatRequests(service).length;
    await ask('@skynet say hi from the host test');
    const request = await waitFor(
      '@skynet to call the fake service',
      () => chatRequests(service)[before],
      20_000,
    ).catch(async (error) => {
      await screenshot('chat-first-request-timeout');
      throw error;
    });
    const messages = request.json.messages as Array<{ role: string; content: string }>;
    assert.strictEqual(messages.at(-1)?.role, 'user');
    assert.match(messages.at(-1)!.content, /say hi from the host test$/);
    assert.ok(!messages.at(-1)!.content.includes('@skynet'), 'the participant name is not part of the prompt');
    await waitFor(
      'the answer to be recorded',
      () => api.tracker.last?.slot === 'delta' && api.tracker.last.at > 0,
      10_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 800));
    await screenshot('chat-view');
  });

  it('sends the earlier turns of the conversation as history', async () => {
    const before = chatRequests(service).length;
    await ask('@skynet and again, please');
    const answered = api.tracker.last?.at ?? 0;
    const request = await waitFor('the second request', () => chatRequests(service)[before], 20_000);
    await waitFor('the second answer to finish', () => (api.tracker.last?.at ?? 0) > answered, 10_000);
    const messages = request.json.messages as Array<{ role: string; content: string }>;
    const roles = messages.map((message) => message.role);
    assert.deepStrictEqual(roles.slice(-3), ['user', 'assistant', 'user']);
    assert.match(messages.at(-3)!.content, /say hi from the host test/);
    assert.strictEqual(messages.at(-2)!.content.trim(), 'Hi! Delta answering through Skynet.');
  });

  it('/use pins a slot for the conversation, /use auto unpins it', async () => {
    await writeConfig(
      api,
      `${compatTable('delta', service, 'fake-model-d')}\n${compatTable('epsilon', backup, 'fake-model-e')}`,
      ['delta', 'epsilon'],
    );
    await vscode.commands.executeCommand('workbench.action.chat.newChat');
    await ask('@skynet /use epsilon');
    const deltaBefore = chatRequests(service).length;
    await ask('@skynet who is pinned?');
    await waitFor(
      'epsilon to be asked',
      () => chatRequests(backup).some((request) => /who is pinned\?$/.test(request.json.messages.at(-1).content)),
      20_000,
    );
    assert.strictEqual(chatRequests(service).length, deltaBefore, 'delta was asked although epsilon is pinned');
    await ask('@skynet /use auto');
    await ask('@skynet back to auto');
    await waitFor(
      'delta (first in order) to be asked',
      () => chatRequests(service).some((request) => /back to auto$/.test(request.json.messages.at(-1).content)),
      20_000,
    );
  });

  it('keeps the partial answer after a mid-stream failure and retries on the next slot', async () => {
    await vscode.commands.executeCommand('workbench.action.chat.newChat');
    breakNext = true;
    const answered = api.tracker.last?.at ?? 0;
    await ask('@skynet tell me something long');
    await waitFor(
      'delta to fail mid-answer',
      () =>
        !breakNext &&
        chatRequests(service).some((request) => /something long$/.test(request.json.messages.at(-1).content)),
      20_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await screenshot('chat-midstream-failure');
    const epsilonBefore = chatRequests(backup).length;
    await ask('@skynet /retry');
    const retried = await waitFor('epsilon to get the retry', () => chatRequests(backup)[epsilonBefore], 20_000);
    const messages = retried.json.messages as Array<{ role: string; content: string }>;
    assert.match(messages.at(-1)!.content, /tell me something long$/);
    assert.ok(
      !messages.some((message) => message.content.includes('The first half')),
      'the broken answer went back as history',
    );
    await waitFor(
      'the retry to finish',
      () => api.tracker.last?.slot === 'epsilon' && api.tracker.last.at > answered,
      10_000,
    );
  });

  it('reads attached files into the prompt', async () => {
    const file = path.join(workspaceRoot(), 'notes.md');
    fs.writeFileSync(file, '# Notes\nThe demo is on Tuesday.\n');
    await vscode.commands.executeCommand('workbench.action.chat.newChat');
    const before = chatRequests(service).length;
    const answered = api.tracker.last?.at ?? 0;
    await vscode.commands.executeCommand('workbench.action.chat.open', {
      query: '@skynet summarise the attached notes',
      attachFiles: [vscode.Uri.file(file)],
    });
    const request = await waitFor(
      'the request with the attachment',
      () =>
        chatRequests(service)
          .slice(before)
          .find((candidate) => /summarise the attached notes$/.test(candidate.json.messages.at(-1).content)),
      20_000,
    );
    const prompt = request.json.messages.at(-1).content as string;
    assert.match(prompt, /notes\.md:\n```\n# Notes\nThe demo is on Tuesday\.\n\n```/);
    await waitFor('the answer to finish', () => (api.tracker.last?.at ?? 0) > answered, 10_000);
  });
});
