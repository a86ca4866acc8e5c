// The origin-approval modal inside the real host: a registry provider (groq, whose own address is api.groq.com)
// that skynet.toml points at a local server gets its stored key only after the user allows that origin. The modal
// is vscode.window.showWarningMessage on the API object Skynet shares with these tests, replaced here by a stub.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { SkynetApi } from '../../src/extension';
import type { FakeServer } from '../fakes/fakeServer';
import { chatRequests, fakeService, replyText, skynetApi, writeConfig } from './support';

const KEY = 'sk-host-groq-origin-0123456789';
const SECRET = 'skynet.apiKey.groq';

interface Asked {
  message: string;
  modal: boolean | undefined;
  items: string[];
}

async function collectText(response: vscode.LanguageModelChatResponse): Promise<string> {
  let text = '';
  for await (const part of response.text) text += part;
  return text;
}

/** Sends one message to the groq slot through vscode.lm and reads the whole answer. */
async function ask(text: string): Promise<string> {
  const [groq] = await vscode.lm.selectChatModels({ vendor: 'skynet', id: 'slot:groq' });
  assert.ok(groq, 'no skynet model slot:groq');
  const response = await groq.sendRequest(
    [vscode.LanguageModelChatMessage.User(text)],
    {},
    new vscode.CancellationTokenSource().token,
  );
  return collectText(response);
}

describe('origin approval modal (registry provider at a foreign base_url)', () => {
  let api: SkynetApi;
  let server: FakeServer;
  let origin: string;
  let answer: 'allow' | 'refuse';
  const asked: Asked[] = [];
  const original = vscode.window.showWarningMessage;

  before(async () => {
    // The test replaces the modal on the API object Skynet itself uses; that needs a writable property.
    const descriptor = Object.getOwnPropertyDescriptor(vscode.window, 'showWarningMessage');
    assert.ok(
      descriptor?.writable || descriptor?.set,
      `vscode.window.showWarningMessage cannot be replaced: ${JSON.stringify(descriptor)}`,
    );
    (vscode.window as { showWarningMessage: unknown }).showWarningMessage = async (
      message: string,
      ...rest: unknown[]
    ) => {
      const options = rest[0] !== null && typeof rest[0] === 'object' ? (rest[0] as vscode.MessageOptions) : undefined;
      const items = rest.filter((item): item is string => typeof item === 'string');
      asked.push({ message, modal: options?.modal, items });
      return answer === 'allow' ? items[0] : undefined;
    };

    api = await skynetApi();
    server = await fakeService((_request, response) => replyText(response, 'Hello from the fake Groq.'));
    origin = new URL(server.url).origin;
    // Stored the way "Set API Key" does, but with no approval for the fake server's origin.
    await api.secrets.delete(`${SECRET}.origins`);
    await api.secrets.store(SECRET, KEY);
    // groq's registry base URL ends in /openai/v1 and the client appends /chat/completions: point it at the fake's /v1.
    await writeConfig(
      api,
      `[[providers.openai_compat]]\nid = "groq"\nbase_url = "${server.url}/v1"\nmodel = "llama-3.3-70b-versatile"\n`,
      ['groq'],
    );
  });

  after(async () => {
    (vscode.window as { showWarningMessage: unknown }).showWarningMessage = original;
    await api?.secrets.delete(`${SECRET}.origins`);
    await api?.secrets.delete(SECRET);
    await server?.close();
  });

  it('refused: the request fails naming the origin, nothing reaches the server, the modal named the origin and the key', async () => {
    answer = 'refuse';
    await assert.rejects(ask('Say hello'), (error: Error) => {
      assert.match(error.message, /not the provider's own address/);
      assert.ok(error.message.includes(origin), error.message);
      return true;
    });
    assert.deepStrictEqual(
      server.requests.map((request) => request.url),
      [],
      'the fake server got a request before the origin was approved',
    );
    assert.strictEqual(asked.length, 1);
    const [modal] = asked;
    assert.strictEqual(modal.modal, true, 'the question should be a modal');
    assert.ok(modal.message.includes(origin), modal.message);
    assert.match(modal.message, /your Groq API key/);
    assert.match(modal.message, /slot "groq"/);
    assert.strictEqual(
      await api.secrets.get(`${SECRET}.origins`),
      undefined,
      'a refusal must not be remembered as an approval',
    );
  });

  it('allowed: the request reaches the server with the stored key and the origin is remembered for that key', async () => {
    answer = 'allow';
    const before = asked.length;
    assert.strictEqual(await ask('Say hello'), 'Hello from the fake Groq.');
    assert.strictEqual(asked.length, before + 1, 'the modal should ask again after a refusal');
    assert.ok(asked[before].message.includes(origin));
    const sent = chatRequests(server);
    assert.strictEqual(sent.length, 1);
    assert.strictEqual(sent[0].headers.authorization, `Bearer ${KEY}`);
    assert.deepStrictEqual(JSON.parse((await api.secrets.get(`${SECRET}.origins`)) ?? 'null'), [origin]);
  });

  it('a second request goes through without asking again', async () => {
    answer = 'refuse'; // would fail if the modal were shown again
    const before = asked.length;
    assert.strictEqual(await ask('And again'), 'Hello from the fake Groq.');
    assert.strictEqual(asked.length, before);
    assert.strictEqual(chatRequests(server).length, 2);
  });
});
