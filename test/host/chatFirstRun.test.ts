// VS Code's own chat as a new user meets it, driven in the browser: a fresh profile (no GitHub account) follows
// Skynet's notice to Add Models → Skynet and gets an answer from a Skynet model, Agent mode calls a tool through
// Skynet, and @skynet shows a failure once, with its fix buttons. Runs first (file order): the profile is fresh.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FakeServer, RecordedRequest } from '../fakes/fakeServer';
import { startFakeServer } from '../fakes/fakeServer';
import { browser } from './browser';
import {
  chatRequests,
  compatTable,
  fakeService,
  replyText,
  replyToolCall,
  screenshot,
  skynetApi,
  storeKey,
  waitFor,
  workspaceRoot,
  writeConfig,
} from './support';
import type { SkynetApi } from '../../src/extension';

const RESPONSE = '.interactive-item-container.interactive-response';
const CHAT_INPUT = '.interactive-input-part .monaco-editor:visible';

/** The tool named like `read_file` among those the agent offered, and arguments that fit its schema. */
function readFileCall(request: RecordedRequest, file: string): { name: string; args: Record<string, unknown> } {
  const tools = (request.json.tools ?? []) as Array<{
    function: { name: string; parameters?: { properties?: Record<string, unknown> } };
  }>;
  const tool =
    tools.find((candidate) => candidate.function.name === 'read_file') ??
    tools.find((candidate) => /read_?file/i.test(candidate.function.name));
  assert.ok(
    tool,
    `the agent offered no read_file tool (offered: ${tools.map((candidate) => candidate.function.name).join(', ')})`,
  );
  const properties = Object.keys(tool.function.parameters?.properties ?? {});
  const args: Record<string, unknown> = { filePath: file };
  if (properties.includes('startLine')) args.startLine = 1;
  if (properties.includes('endLine')) args.endLine = 20;
  return { name: tool.function.name, args };
}

async function typeIntoChat(text: string): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.chat.focusInput');
  await browser.waitFor(`${CHAT_INPUT}.focused`);
  await browser.type(text);
  await browser.press('Enter');
}

describe('VS Code chat in the browser, as a new user meets it', function () {
  this.timeout(150_000);
  let api: SkynetApi;
  let service: FakeServer;
  let toolRequests: RecordedRequest[] = [];

  before(async () => {
    api = await skynetApi();
    const notes = path.join(workspaceRoot(), 'notes.md');
    fs.writeFileSync(notes, '# Notes\nThe demo is on Tuesday.\n');
    service = await fakeService(async (request, response) => {
      const messages = request.json.messages as Array<{ role: string; content: unknown; tool_call_id?: string }>;
      const last = messages.at(-1)!;
      if (last.role === 'tool') {
        toolRequests.push(request);
        return replyText(response, 'The notes say the demo is on Tuesday.');
      }
      const prompt = JSON.stringify(last.content);
      if (prompt.includes('What does notes.md say')) {
        const call = readFileCall(request, notes);
        return replyToolCall(response, call.name, call.args);
      }
      return replyText(response, 'Hello from Skynet on the first run.');
    });
    await storeKey(api, 'alpha', 'sk-host-alpha-0123456789', service);
    await writeConfig(api, compatTable('alpha', service, 'fake-model-a'), ['alpha']);
  });

  after(async () => {
    await service?.close();
  });

  it('a fresh profile follows the notice to Add Models → Skynet and gets an answer from a Skynet model', async () => {
    assert.strictEqual(
      api.chatSetup.added,
      false,
      'the profile is not fresh: Skynet was already added under Language Models',
    );
    // 1. Skynet's one notice, with the action that leads there. Under the smoke-test driver the workbench shows no
    //    toasts (VS Code's addToast skips them), so it is read where a user also finds it: the Notifications center.
    await vscode.commands.executeCommand('notifications.showList');
    const notice = '.notifications-center .notification-list-item:has-text("add Skynet once under Language Models")';
    await browser.waitFor(notice, 30_000);
    await browser.click(notice); // selects (expands) it, so its buttons show
    await screenshot('first-run-1-notice');
    await browser.click(`${notice} .monaco-button:has-text("Open Language Models")`);
    // 2. The Language Models editor: Add Models → Skynet, keep the name.
    await browser.click('.monaco-button:has-text("Add Models")', 30_000);
    await browser.click('.monaco-menu .action-item:has-text("Skynet")');
    await browser.waitFor('.quick-input-widget input');
    await screenshot('first-run-2-add-models-name');
    await browser.press('Enter');
    await waitFor('the workbench to ask for the Skynet group', () => api.chatSetup.added, 20_000);
    await screenshot('first-run-3-language-models');
    // 3. The chat: a Skynet model picked, a question typed and sent; the answer comes without any sign-in dialog.
    await vscode.commands.executeCommand('workbench.action.chat.open', {
      mode: 'agent',
      modelSelector: { vendor: 'skynet', id: 'slot:alpha' },
    });
    const before = chatRequests(service).length;
    await typeIntoChat('Say hello from the first run');
    await browser
      .waitFor(`${RESPONSE}:has-text("Hello from Skynet on the first run.")`, 60_000)
      .catch(async (error) => {
        await screenshot('first-run-4-no-answer');
        throw error;
      });
    assert.ok(chatRequests(service).length > before, 'the answer did not come from the fake service');
    assert.strictEqual(await browser.count('.monaco-dialog-box:has-text("Sign in")'), 0, 'a sign-in dialog is open');
    await screenshot('first-run-4-answer');
  });

  it('Agent mode calls a tool (read_file) through a Skynet model and answers with its result', async () => {
    toolRequests = [];
    await vscode.commands.executeCommand('workbench.action.chat.newChat');
    await vscode.commands.executeCommand('workbench.action.chat.open', {
      mode: 'agent',
      modelSelector: { vendor: 'skynet', id: 'slot:alpha' },
    });
    await typeIntoChat('What does notes.md say?');
    await browser
      .waitFor(`${RESPONSE}:has-text("The notes say the demo is on Tuesday.")`, 60_000)
      .catch(async (error) => {
        await screenshot('agent-tool-no-answer');
        throw error;
      });
    const sent = toolRequests[0].json.messages as Array<{
      role: string;
      content: string;
      tool_call_id?: string;
      tool_calls?: Array<{ id: string }>;
    }>;
    const result = sent.at(-1)!;
    assert.strictEqual(result.tool_call_id, 'call_host_1', 'the tool result went back with the call id');
    assert.match(String(result.content), /The demo is on Tuesday/);
    await screenshot('agent-tool-call');
  });

  it('@skynet shows a failure once, with the buttons that fix it, and no empty steps', async () => {
    const dead = await startFakeServer();
    const deadUrl = dead.url;
    await dead.close(); // nothing listens there now: connection refused
    await writeConfig(
      api,
      `[[providers.openai_compat]]\nid = "dead"\nbase_url = "${deadUrl}/v1"\nmodel = "dead-model"\napi_key = "sk-in-file-0123456789"\n`,
      ['dead'],
    );
    await vscode.commands.executeCommand('workbench.action.chat.newChat');
    // Skynet Auto stays in the picker whatever the slots are; a picked slot model that is gone would make the chat
    // refuse the request ("Language model unavailable") before @skynet is asked.
    await vscode.commands.executeCommand('workbench.action.chat.open', {
      modelSelector: { vendor: 'skynet', id: 'auto' },
    });
    await vscode.commands.executeCommand('workbench.action.chat.open', { query: '@skynet are you there?' });
    const failure = `${RESPONSE}:has-text("Skynet could not answer")`;
    await browser.waitFor(`${failure} .monaco-button:has-text("Open skynet.toml")`, 60_000).catch(async (error) => {
      await screenshot('skynet-failure-missing');
      throw error;
    });
    const [text] = await browser.texts(failure);
    assert.strictEqual(text.split('dead:').length - 1, 1, `the failure is shown more than once:\n${text}`);
    assert.ok(!/Completed \d+ steps?/.test(text), `an empty steps line is shown:\n${text}`);
    assert.ok(!/\bat .+\.js:\d+/.test(text), `a stack trace is shown:\n${text}`);
    await screenshot('skynet-failure-once');
  });
});
