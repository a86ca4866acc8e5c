// Issue 12 item 3 inside the real host: in a TRUSTED workspace, an `${env:NAME}` key for a slot whose base_url is
// not the provider's own is the user's secret like a stored key. The origin modal asks before the variable's value
// goes there; nothing reaches the server until the user allows it. The modal is the API object's
// showWarningMessage, replaced here by a stub (as in originApproval.test.ts).
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { SkynetApi } from '../../src/extension';
import type { FakeServer } from '../fakes/fakeServer';
import { chatRequests, fakeService, replyText, skynetApi, writeConfig } from './support';

const VARIABLE = 'SKYNET_HOST_ENV_ORIGIN_KEY';
const VALUE = 'sk-host-env-variable-0123456789';
const APPROVALS = `env:${VARIABLE}.origins`;

async function ask(text: string): Promise<string> {
  const [model] = await vscode.lm.selectChatModels({ vendor: 'skynet', id: 'slot:deepseek' });
  assert.ok(model, 'no skynet model slot:deepseek');
  const response = await model.sendRequest(
    [vscode.LanguageModelChatMessage.User(text)],
    {},
    new vscode.CancellationTokenSource().token,
  );
  let answer = '';
  for await (const part of response.text) answer += part;
  return answer;
}

describe('trusted workspace: an ${env:…} key bound for a foreign base_url waits for the origin modal', () => {
  let api: SkynetApi;
  let server: FakeServer;
  let origin: string;
  let answer: 'allow' | 'refuse';
  const asked: Array<{ message: string; modal: boolean | undefined }> = [];
  const original = vscode.window.showWarningMessage;

  before(async () => {
    assert.strictEqual(vscode.workspace.isTrusted, true, 'this suite runs in a trusted workspace');
    (vscode.window as { showWarningMessage: unknown }).showWarningMessage = async (
      message: string,
      ...rest: unknown[]
    ) => {
      const options = rest[0] !== null && typeof rest[0] === 'object' ? (rest[0] as vscode.MessageOptions) : undefined;
      asked.push({ message, modal: options?.modal });
      const items = rest.filter((item): item is string => typeof item === 'string');
      return answer === 'allow' ? items[0] : undefined;
    };
    api = await skynetApi();
    server = await fakeService((_request, response) => replyText(response, 'Hello from the fake DeepSeek.'));
    origin = new URL(server.url).origin;
    // The extension host's environment is the process's: the variable is the user's, set before the file names it.
    process.env[VARIABLE] = VALUE;
    await api.secrets.delete(APPROVALS);
    await writeConfig(
      api,
      `[[providers.openai_compat]]\nid = "deepseek"\nbase_url = "${server.url}/v1"\napi_key = "\${env:${VARIABLE}}"\nmodel = "deepseek-chat"\n`,
      ['deepseek'],
    );
  });

  after(async () => {
    (vscode.window as { showWarningMessage: unknown }).showWarningMessage = original;
    delete process.env[VARIABLE];
    await api?.secrets.delete(APPROVALS);
    await server?.close();
  });

  it('refused: nothing reaches the server, and the modal named the variable and the address', async () => {
    answer = 'refuse';
    await assert.rejects(ask('Say hello'), (error: Error) => {
      assert.ok(error.message.includes(origin), error.message);
      assert.match(error.message, new RegExp(`your environment variable ${VARIABLE}`));
      return true;
    });
    assert.deepStrictEqual(
      server.requests.map((request) => request.url),
      [],
      'the variable reached the server before approval',
    );
    assert.strictEqual(asked.length, 1);
    assert.strictEqual(asked[0].modal, true);
    assert.ok(
      asked[0].message.includes(origin) && asked[0].message.includes(`your environment variable ${VARIABLE}`),
      asked[0].message,
    );
    assert.strictEqual(await api.secrets.get(APPROVALS), undefined, 'a refusal is not remembered as an approval');
  });

  it("allowed: the request carries the variable's value and the origin is remembered for that variable", async () => {
    answer = 'allow';
    assert.strictEqual(await ask('Say hello'), 'Hello from the fake DeepSeek.');
    const sent = chatRequests(server);
    assert.strictEqual(sent.length, 1);
    assert.strictEqual(sent[0].headers.authorization, `Bearer ${VALUE}`);
    assert.deepStrictEqual(JSON.parse((await api.secrets.get(APPROVALS)) ?? 'null'), [origin]);
    const before = asked.length;
    answer = 'refuse'; // a second question would now refuse
    assert.strictEqual(await ask('Again'), 'Hello from the fake DeepSeek.');
    assert.strictEqual(asked.length, before, 'asked once per variable and origin');
  });
});
