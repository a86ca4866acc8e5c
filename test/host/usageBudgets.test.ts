// Usage and budgets in the real host (issue 17 items 3-4): a request through vscode.lm to a fake that reports usage
// shows today's tokens and cost in the Slots tree and @skynet /status; a tiny daily budget crossed by a request makes
// the slot "budget reached" and the next request goes to the next slot; the 80 % warning is one notification.
import * as assert from 'node:assert';
import type { ServerResponse } from 'node:http';
import * as vscode from 'vscode';
import type { FakeServer } from '../fakes/fakeServer';
import { sseFromPayloads, sseHeaders } from '../fakes/wire';
import { slotSpendText } from '../../src/host/slotText/slotSpendText';
import { browser } from './browser';
import {
  chatRequests,
  compatTable,
  fakeService,
  replyText,
  skynetApi,
  storeKey,
  waitFor,
  writeConfig,
} from './support';
import type { SkynetApi } from '../../src/extension';

const PAID = 'spendy';
const FREE = 'backstop';
const RESPONSE = '.interactive-item-container.interactive-response';
const WARNING = '.notifications-center .notification-list-item:has-text("of a budget used")';

/** One answer, then the include_usage chunk (no choices, the request's usage) as OpenAI streams it. */
function replyWithUsage(response: ServerResponse, text: string): void {
  const base = { id: 'chatcmpl-usage', object: 'chat.completion.chunk', created: 1_767_000_000, model: 'model-paid' };
  response.writeHead(200, sseHeaders());
  response.end(
    sseFromPayloads([
      JSON.stringify({
        ...base,
        choices: [{ index: 0, delta: { role: 'assistant', content: text }, finish_reason: null }],
      }),
      JSON.stringify({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }),
      JSON.stringify({
        ...base,
        choices: [],
        usage: { prompt_tokens: 100, completion_tokens: 200, total_tokens: 300 },
      }),
    ]),
  );
}

/** Sends one message to Skynet Auto (failover across every slot) and returns the text. */
async function askAuto(prompt: string): Promise<string> {
  const [model] = await waitFor('Skynet Auto', async () => {
    const models = await vscode.lm.selectChatModels({ vendor: 'skynet', id: 'auto' });
    return models.length > 0 && models;
  });
  const response = await model.sendRequest(
    [vscode.LanguageModelChatMessage.User(prompt)],
    {},
    new vscode.CancellationTokenSource().token,
  );
  let text = '';
  for await (const piece of response.text) text += piece;
  return text;
}

describe('usage and budgets', () => {
  let api: SkynetApi;
  let paid: FakeServer;
  let free: FakeServer;

  before(async () => {
    api = await skynetApi();
    paid = await fakeService((_request, response) => replyWithUsage(response, 'paid answer'));
    free = await fakeService((_request, response) => replyText(response, 'free answer'));
    await storeKey(api, PAID, 'sk-host-paid-0123456789', paid);
    await storeKey(api, FREE, 'sk-host-free-0123456789', free);
    // $1000 per 1M tokens each way: one request (100 in, 200 out) costs $0.30, 86 % of the $0.35 budget.
    const paidTable = `${compatTable(PAID, paid, 'model-paid')}price = { input = 1000, output = 1000 }\ndaily_budget_usd = 0.35\n`;
    await writeConfig(api, `${paidTable}\n${compatTable(FREE, free, 'model-free')}`, [PAID, FREE]);
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  after(async () => {
    await vscode.commands.executeCommand('notifications.hideList');
    await writeConfig(api, '', []);
    await paid?.close();
    await free?.close();
  });

  function row(slotId: string): vscode.TreeItem {
    const item = api.slotsTree.getSlotItems().find((candidate) => candidate.slot.config.id === slotId);
    assert.ok(item, `no ${slotId} row`);
    return item;
  }

  it("a request whose answer reports usage shows today's tokens and cost in the Slots tree", async () => {
    assert.strictEqual(await askAuto('count me'), 'paid answer');
    await api.service.spend?.flush();
    const item = await waitFor(
      "the tree to show today's usage",
      () => String(row(PAID).description).includes('tokens') && row(PAID),
    );
    assert.match(String(item.description), /300 tokens · \$0\.3000 today$/);
    const tooltip = (item.tooltip as vscode.MarkdownString).value.replace(/\\(.)/g, '$1'); // Markdown-escaped
    assert.match(tooltip, /Today: 1 request · 100 in · 200 out · \$0\.3000/);
    assert.ok(!String(row(FREE).description).includes('tokens'), 'the unused slot shows usage');
  });

  it('@skynet /status shows the same line', async () => {
    const today = slotSpendText(api.service.spend, { id: PAID }).today;
    assert.ok(today, 'no usage recorded');
    await vscode.commands.executeCommand('workbench.action.chat.open', { query: '@skynet /status' });
    await browser.waitFor(`${RESPONSE}:has-text("${today}")`, 15_000);
  });

  it('the 80 % warning is one notification, and a slot past its budget is skipped for the next slot', async () => {
    await vscode.commands.executeCommand('notifications.showList');
    await browser.waitFor(WARNING, 20_000);
    // Still under the budget ($0.30 of $0.35): answered by the paid slot, which is now past it.
    assert.strictEqual(await askAuto('once more'), 'paid answer');
    await api.service.spend?.flush();
    await waitFor('the slot to show "budget reached"', () => String(row(PAID).description).includes('budget reached'));
    const beforePaid = chatRequests(paid).length;
    assert.strictEqual(await askAuto('and again'), 'free answer');
    assert.strictEqual(chatRequests(paid).length, beforePaid, 'the slot past its budget was still called');
    assert.match((row(PAID).tooltip as vscode.MarkdownString).value, /budget reached/);
    await vscode.commands.executeCommand('notifications.showList');
    assert.strictEqual(await browser.count(WARNING), 1, 'the 80 % warning was not given exactly once');
  });
});
