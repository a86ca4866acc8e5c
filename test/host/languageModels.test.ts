// The LanguageModelChatProvider inside the real host: models, streaming, tool calls, failover, cancel, config edits.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { FakeServer, RecordedRequest } from '../fakes/fakeServer';
import {
  chatRequests,
  compatTable,
  fakeService,
  replyRateLimited,
  replyText,
  replyToolCall,
  screenshot,
  skynetApi,
  storeKey,
  waitFor,
  writeConfig,
} from './support';
import type { SkynetApi } from '../../src/extension';
import type { ServerResponse } from 'node:http';

type Handler = (request: RecordedRequest, response: ServerResponse) => void | Promise<void>;

async function collectText(response: vscode.LanguageModelChatResponse): Promise<string> {
  let text = '';
  for await (const part of response.text) text += part;
  return text;
}

async function model(id: string): Promise<vscode.LanguageModelChat> {
  const [found] = await vscode.lm.selectChatModels({ vendor: 'skynet', id });
  assert.ok(found, `no skynet model ${id}`);
  return found;
}

describe('language models (vscode.lm)', () => {
  let api: SkynetApi;
  let alpha: FakeServer;
  let beta: FakeServer;
  let alphaHandler: Handler;
  let betaHandler: Handler;

  before(async () => {
    api = await skynetApi();
    alpha = await fakeService((request, response) => alphaHandler(request, response));
    beta = await fakeService((request, response) => betaHandler(request, response));
    await storeKey(api, 'alpha', 'sk-host-alpha-0123456789', alpha);
    await storeKey(api, 'beta', 'sk-host-beta-0123456789', beta);
    await writeConfig(
      api,
      compatTable('alpha', alpha, 'fake-model-a') + '\n' + compatTable('beta', beta, 'fake-model-b'),
      ['alpha', 'beta'],
    );
  });

  after(async () => {
    // For a person to look at: the chat view's model picker with the Skynet models (not an assertion).
    await vscode.commands.executeCommand('workbench.action.chat.open');
    await vscode.commands.executeCommand('workbench.action.chat.openModelPicker').then(undefined, () => undefined);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await screenshot('model-picker').catch(() => undefined);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await alpha?.close();
    await beta?.close();
  });

  it('lists Skynet Auto and one model per slot, named "<model> · <provider>", with tool calling', async () => {
    const models = await waitFor('three skynet models', async () => {
      const found = await vscode.lm.selectChatModels({ vendor: 'skynet' });
      return found.length === 3 ? found : undefined;
    });
    assert.deepStrictEqual(models.map((entry) => entry.id).sort(), ['auto', 'slot:alpha', 'slot:beta']);
    const alphaModel = models.find((entry) => entry.id === 'slot:alpha')!;
    assert.match(alphaModel.name, /^fake-model-a · /);
    assert.strictEqual(models.find((entry) => entry.id === 'auto')!.name, 'Skynet Auto');
    assert.ok(alphaModel.maxInputTokens > 0);
    assert.strictEqual(await alphaModel.countTokens('12345678'), 2);
  });

  it('sendRequest streams text from the slot, with the stored key and the slot model', async () => {
    alphaHandler = (_request, response) => replyText(response, 'Hello from the alpha fake, streamed in pieces.');
    const before = chatRequests(alpha).length;
    const response = await (
      await model('slot:alpha')
    ).sendRequest([vscode.LanguageModelChatMessage.User('Say hello')], {}, new vscode.CancellationTokenSource().token);
    assert.strictEqual(await collectText(response), 'Hello from the alpha fake, streamed in pieces.');
    const sent = chatRequests(alpha)[before];
    assert.strictEqual(sent.headers.authorization, 'Bearer sk-host-alpha-0123456789');
    assert.strictEqual(sent.json.model, 'fake-model-a');
    assert.strictEqual(sent.json.stream, true);
    assert.deepStrictEqual(sent.json.messages.at(-1), { role: 'user', content: 'Say hello' });
  });

  it('sendRequest streams tool calls and sends tool results back', async () => {
    alphaHandler = (_request, response) => replyToolCall(response, 'get_weather', { city: 'Paris', unit: 'celsius' });
    const tools: vscode.LanguageModelChatTool[] = [
      {
        name: 'get_weather',
        description: 'Weather for a city',
        inputSchema: {
          type: 'object',
          properties: { city: { type: 'string' }, unit: { type: 'string' } },
          required: ['city'],
        },
      },
    ];
    const chat = await model('slot:alpha');
    const response = await chat.sendRequest(
      [vscode.LanguageModelChatMessage.User('Weather in Paris?')],
      { tools },
      new vscode.CancellationTokenSource().token,
    );
    const calls: vscode.LanguageModelToolCallPart[] = [];
    for await (const part of response.stream) if (part instanceof vscode.LanguageModelToolCallPart) calls.push(part);
    assert.strictEqual(calls.length, 1);
    assert.strictEqual(calls[0].name, 'get_weather');
    assert.strictEqual(calls[0].callId, 'call_host_1');
    assert.deepStrictEqual(calls[0].input, { city: 'Paris', unit: 'celsius' });
    const first = chatRequests(alpha).at(-1)!;
    assert.strictEqual(first.json.tools[0].function.name, 'get_weather');
    assert.deepStrictEqual(first.json.tools[0].function.parameters.required, ['city']);

    alphaHandler = (_request, response) => replyText(response, 'It is 18 degrees in Paris.');
    const followUp = await chat.sendRequest(
      [
        vscode.LanguageModelChatMessage.User('Weather in Paris?'),
        vscode.LanguageModelChatMessage.Assistant([
          new vscode.LanguageModelToolCallPart('call_host_1', 'get_weather', { city: 'Paris' }),
        ]),
        vscode.LanguageModelChatMessage.User([
          new vscode.LanguageModelToolResultPart('call_host_1', [new vscode.LanguageModelTextPart('18°C, cloudy')]),
        ]),
      ],
      { tools },
      new vscode.CancellationTokenSource().token,
    );
    assert.strictEqual(await collectText(followUp), 'It is 18 degrees in Paris.');
    const messages = chatRequests(alpha).at(-1)!.json.messages;
    const assistant = messages.find((message: { role: string }) => message.role === 'assistant');
    assert.strictEqual(assistant.tool_calls[0].id, 'call_host_1');
    assert.strictEqual(JSON.parse(assistant.tool_calls[0].function.arguments).city, 'Paris');
    const toolMessage = messages.find((message: { role: string }) => message.role === 'tool');
    assert.deepStrictEqual(
      { id: toolMessage.tool_call_id, content: toolMessage.content },
      { id: 'call_host_1', content: '18°C, cloudy' },
    );
  });

  it('sends an attached image (LanguageModelDataPart) as an image part', async function () {
    // LanguageModelDataPart is final API after 1.104 (engines.vscode); the provider reads parts by shape, so it
    // needs no detection, only this test does.
    const DataPart = (
      vscode as unknown as { LanguageModelDataPart?: { image(data: Uint8Array, mime: string): unknown } }
    ).LanguageModelDataPart;
    if (!DataPart) return this.skip();
    alphaHandler = (_request, response) => replyText(response, 'A red pixel.');
    const redPixel = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC'; // a real 1×1 PNG
    const png = Uint8Array.from(Buffer.from(redPixel, 'base64'));
    const response = await (
      await model('slot:alpha')
    ).sendRequest(
      [
        vscode.LanguageModelChatMessage.User([
          new vscode.LanguageModelTextPart('What is this?'),
          DataPart.image(png, 'image/png') as vscode.LanguageModelTextPart,
        ]),
      ],
      {},
      new vscode.CancellationTokenSource().token,
    );
    assert.strictEqual(await collectText(response), 'A red pixel.');
    assert.deepStrictEqual(chatRequests(alpha).at(-1)!.json.messages.at(-1).content, [
      { type: 'text', text: 'What is this?' },
      { type: 'image_url', image_url: { url: `data:image/png;base64,${redPixel}` } },
    ]);
  });

  it('cancelling a request closes the HTTP stream', async () => {
    let closed = false;
    alphaHandler = async (_request, response) => {
      response.on('close', () => (closed = true));
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(
        `data: ${JSON.stringify({ id: 'x', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: 'partial ' }, finish_reason: null }] })}\n\n`,
      );
      // ...and then nothing: the stream stays open until the client goes away.
    };
    const source = new vscode.CancellationTokenSource();
    const response = await (
      await model('slot:alpha')
    ).sendRequest([vscode.LanguageModelChatMessage.User('Tell me a long story')], {}, source.token);
    const iterator = response.text[Symbol.asyncIterator]();
    const first = await iterator.next();
    assert.strictEqual(first.value, 'partial ');
    source.cancel();
    await waitFor('the fake server to see the request closed', () => closed, 5_000);
  });

  it('Skynet Auto fails over to the next slot when the first answers 429', async () => {
    alphaHandler = (_request, response) => replyRateLimited(response);
    betaHandler = (_request, response) => replyText(response, 'Beta answered instead.');
    const alphaBefore = chatRequests(alpha).length;
    const betaBefore = chatRequests(beta).length;
    const response = await (
      await model('auto')
    ).sendRequest(
      [vscode.LanguageModelChatMessage.User('Who answers?')],
      {},
      new vscode.CancellationTokenSource().token,
    );
    assert.strictEqual(await collectText(response), 'Beta answered instead.');
    assert.strictEqual(chatRequests(alpha).length, alphaBefore + 1, 'alpha was tried first');
    assert.strictEqual(chatRequests(beta).length, betaBefore + 1, 'beta answered');
    assert.strictEqual(api.tracker.last?.slot, 'beta');
    assert.deepStrictEqual(
      api.tracker.last?.failovers.map((failover) => [failover.from, failover.kind]),
      [['alpha', 'rate-limit']],
    );
    const alphaHealth = api.service.router!.health().find((entry) => entry.slotId === 'alpha');
    assert.strictEqual(alphaHealth?.state, 'cooling');
    const alphaItem = api.slotsTree.getChildren().find((item) => item.label === 'alpha');
    assert.match(String(alphaItem?.description), /^fake-model-a · cooling until .+ · failing since .+429/);
  });

  it('a slot cooling from a 429 stays cooling through an unrelated edit of skynet.toml, and starts fresh with a new key', async () => {
    alphaHandler = (_request, response) => replyRateLimited(response);
    betaHandler = (_request, response) => replyText(response, 'Beta again.');
    const auto = async (): Promise<string> =>
      collectText(
        await (
          await model('auto')
        ).sendRequest([vscode.LanguageModelChatMessage.User('Who?')], {}, new vscode.CancellationTokenSource().token),
      );
    const alphaHealth = () => api.service.router!.health().find((entry) => entry.slotId === 'alpha');
    if (alphaHealth()?.state !== 'cooling') await auto();
    assert.strictEqual(alphaHealth()?.state, 'cooling');
    const rebuilt = async (change: () => PromiseLike<void>) => {
      const before = api.service.router;
      await change();
      await waitFor('the router rebuilt', () => api.service.router !== before, 5_000);
    };
    try {
      // Only beta's model changes: alpha is the same slot, and its Retry-After still holds.
      await rebuilt(() =>
        writeConfig(
          api,
          compatTable('alpha', alpha, 'fake-model-a') + '\n' + compatTable('beta', beta, 'fake-model-b2'),
          ['alpha', 'beta'],
        ),
      );
      assert.strictEqual(alphaHealth()?.state, 'cooling');
      assert.match(
        String(api.slotsTree.getChildren().find((item) => item.label === 'alpha')?.description),
        /cooling until .+ · failing since .+429/,
      );
      const alphaBefore = chatRequests(alpha).length;
      assert.strictEqual(await auto(), 'Beta again.');
      assert.strictEqual(chatRequests(alpha).length, alphaBefore, 'no request went back into the 429');

      // A new key for alpha (Set API Key): the user may have fixed it, so alpha starts fresh.
      await rebuilt(() => api.secrets.store('skynet.apiKey.alpha', 'sk-host-alpha-fresh-0123456789'));
      assert.strictEqual(alphaHealth()?.state, 'ready');
    } finally {
      await api.secrets.store('skynet.apiKey.alpha', 'sk-host-alpha-0123456789');
      await writeConfig(
        api,
        compatTable('alpha', alpha, 'fake-model-a') + '\n' + compatTable('beta', beta, 'fake-model-b'),
        ['alpha', 'beta'],
      );
    }
  });

  it('an edit of skynet.toml changes the models', async () => {
    const gamma = await fakeService((_request, response) => replyText(response, 'Gamma here.'));
    try {
      const changed = new Promise<void>((resolve) => {
        const subscription = vscode.lm.onDidChangeChatModels(() => {
          subscription.dispose();
          resolve();
        });
      });
      await storeKey(api, 'gamma', 'sk-host-gamma-0123456789', gamma);
      await writeConfig(
        api,
        compatTable('alpha', alpha, 'fake-model-a') + '\n' + compatTable('gamma', gamma, 'fake-model-g'),
        ['alpha', 'gamma'],
      );
      await changed;
      const ids = await waitFor('gamma in the models', async () => {
        const found = (await vscode.lm.selectChatModels({ vendor: 'skynet' })).map((entry) => entry.id).sort();
        return found.includes('slot:gamma') ? found : undefined;
      });
      assert.deepStrictEqual(ids, ['auto', 'slot:alpha', 'slot:gamma']);
      const response = await (
        await model('slot:gamma')
      ).sendRequest([vscode.LanguageModelChatMessage.User('hi')], {}, new vscode.CancellationTokenSource().token);
      assert.strictEqual(await collectText(response), 'Gamma here.');
      assert.strictEqual(chatRequests(gamma)[0].headers.authorization, 'Bearer sk-host-gamma-0123456789');
    } finally {
      await writeConfig(
        api,
        compatTable('alpha', alpha, 'fake-model-a') + '\n' + compatTable('beta', beta, 'fake-model-b'),
        ['alpha', 'beta'],
      );
      await gamma.close();
    }
  });
});
