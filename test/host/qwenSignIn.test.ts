// Qwen OAuth through the Sign-ins commands inside the real host: device flow + PKCE against a fake chat.qwen.ai,
// the qwen-code credentials file, a chat through the fake DashScope endpoint at `resource_url`, and Sign Out.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SkynetApi } from '../../src/extension';
import { startFakeServer, type FakeServer } from '../fakes/fakeServer';
import { fakeQwen, type FakeQwenState } from '../fakes/fakeQwen';
import { skynetApi, waitFor, writeConfig } from './support';

async function signInDescription(api: SkynetApi, slotId: string): Promise<string> {
  const items = await api.signInsTree.getChildren();
  return String(items.find((item) => item.id === `signin:${slotId}`)?.description);
}

describe('Sign-ins: Qwen OAuth', () => {
  let api: SkynetApi;
  let qwen: FakeServer;
  let state: FakeQwenState;
  let credentialsFile: string;

  before(async () => {
    api = await skynetApi();
    qwen = await startFakeServer();
    state = fakeQwen(qwen, { interval: 0.01, verificationUri: `${qwen.url}/authorize` });
    credentialsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'skynet-qwen-')), 'oauth_creds.json');
    // The fake stands in for chat.qwen.ai: approve its origin for these tokens, as the user would.
    await api.secrets.store(`file:${credentialsFile}.origins`, JSON.stringify([new URL(qwen.url).origin]));
    await writeConfig(
      api,
      `[providers.qwen_oauth]\ncredentials_path = "${credentialsFile}"\nauth_url = "${qwen.url}"\nmodel = "qwen3-coder-plus"\n`,
      ['qwen_oauth'],
    );
  });

  after(async () => {
    await qwen?.close();
    fs.rmSync(path.dirname(credentialsFile), { recursive: true, force: true });
  });

  it('signs in with the device flow and PKCE: code copied, qwen-code credentials file (0600), slot answers through resource_url; signs out again', async () => {
    assert.ok(api.service.router?.slots[0].unavailableReason, 'qwen_oauth should be unavailable before sign-in');
    assert.strictEqual(await signInDescription(api, 'qwen_oauth'), 'not signed in');

    await vscode.commands.executeCommand('skynet.signIn', 'qwen_oauth');
    assert.strictEqual(await vscode.env.clipboard.readText(), 'QW-EN42');
    const start = qwen.requests.find((request) => request.url === '/api/v1/oauth2/device/code');
    const startForm = Object.fromEntries(new URLSearchParams(start?.body ?? ''));
    assert.strictEqual(startForm.client_id, 'f0304373b74a44d2b584a3fb70ca9e56');
    assert.strictEqual(startForm.code_challenge_method, 'S256');
    assert.ok(
      startForm.code_challenge && !startForm.code_verifier,
      'the challenge goes first, the verifier only with the token request',
    );

    // qwen-code's oauth_creds.json, owner-only.
    assert.strictEqual(fs.statSync(credentialsFile).mode & 0o777, 0o600);
    const saved = JSON.parse(fs.readFileSync(credentialsFile, 'utf8')) as Record<string, unknown>;
    assert.strictEqual(saved.access_token, 'qwen-access-1');
    assert.strictEqual(saved.refresh_token, 'qwen-refresh-1');
    assert.strictEqual(saved.token_type, 'Bearer');
    assert.strictEqual(saved.resource_url, qwen.url);
    assert.ok(
      typeof saved.expiry_date === 'number' && saved.expiry_date > Date.now(),
      'expiry_date is epoch ms in the future',
    );

    await waitFor(
      'qwen_oauth to become usable',
      () => api.service.router?.slots.find((slot) => slot.config.id === 'qwen_oauth')?.client,
    );
    assert.match(await signInDescription(api, 'qwen_oauth'), /^signed in · token valid until \S/);
    const item = (await api.signInsTree.getChildren()).find((candidate) => candidate.id === 'signin:qwen_oauth');
    assert.ok(String(item?.tooltip).includes(credentialsFile), 'the tooltip names the credentials file');
    assert.ok(!String(item?.tooltip).includes('qwen-access-1'), 'the tooltip never shows a token');
    assert.strictEqual(item?.contextValue, 'skynetSignIn.in');

    const [chat] = await vscode.lm.selectChatModels({ vendor: 'skynet', id: 'slot:qwen_oauth' });
    assert.ok(chat, 'no model for the qwen_oauth slot');
    const tools = [
      {
        name: 'weather',
        description: 'Current weather',
        inputSchema: { type: 'object', properties: { location: { type: 'string' } } },
      },
    ];
    const response = await chat.sendRequest(
      [vscode.LanguageModelChatMessage.User('Weather in San Francisco?')],
      { tools },
      new vscode.CancellationTokenSource().token,
    );
    const calls: vscode.LanguageModelToolCallPart[] = [];
    for await (const part of response.stream) if (part instanceof vscode.LanguageModelToolCallPart) calls.push(part);
    assert.strictEqual(state.chatRequests, 1);
    const chatRequest = qwen.requests.find((request) => request.url === '/v1/chat/completions');
    assert.strictEqual(chatRequest?.headers.authorization, 'Bearer qwen-access-1');
    assert.deepStrictEqual(
      calls.map((call) => call.name),
      ['weather'],
    );
    assert.match(JSON.stringify(calls[0].input), /San Francisco/);

    await vscode.commands.executeCommand('skynet.signOut', 'qwen_oauth');
    assert.strictEqual(fs.existsSync(credentialsFile), false);
    await waitFor(
      'qwen_oauth to be unavailable again',
      () => api.service.router?.slots.find((slot) => slot.config.id === 'qwen_oauth')?.unavailableReason,
    );
    assert.strictEqual(await signInDescription(api, 'qwen_oauth'), 'not signed in');
  });

  it('an expired access token with a refresh token reads "expired, refreshes on next use"', async () => {
    fs.writeFileSync(
      credentialsFile,
      JSON.stringify({
        access_token: 'old',
        refresh_token: 'qwen-refresh-1',
        token_type: 'Bearer',
        resource_url: qwen.url,
        expiry_date: Date.now() - 60_000,
      }),
      { mode: 0o600 },
    );
    assert.strictEqual(await signInDescription(api, 'qwen_oauth'), 'signed in · expired, refreshes on next use');
    fs.rmSync(credentialsFile, { force: true });
  });
});
