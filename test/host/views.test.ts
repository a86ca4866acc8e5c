// The sidebar, commands, SecretStorage and config diagnostics inside the real host.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startFakeServer, type FakeServer } from '../fakes/fakeServer';
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

describe('slots tree, commands and secrets', () => {
  let api: SkynetApi;
  let first: FakeServer;
  let second: FakeServer;

  before(async () => {
    api = await skynetApi();
    first = await fakeService((_request, response) => replyText(response, 'first'));
    second = await fakeService((_request, response) => replyText(response, 'second'));
    await api.secrets.delete('skynet.apiKey.second');
    await api.secrets.delete('skynet.apiKey.second.origins');
    await writeConfig(
      api,
      compatTable('first', first, 'model-one') + '\n' + compatTable('second', second, 'model-two'),
      ['first', 'second'],
    );
  });

  after(async () => {
    await first?.close();
    await second?.close();
  });

  it('registers every Skynet command', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const command of [
      'skynet.setApiKey',
      'skynet.clearApiKey',
      'skynet.addProvider',
      'skynet.testSlots',
      'skynet.openConfig',
      'skynet.showLog',
    ]) {
      assert.ok(commands.includes(command), `${command} is not registered`);
    }
  });

  it('SecretStorage round-trips through Set API Key and Clear API Key; the key is bound to the endpoint it was typed for', async () => {
    await vscode.commands.executeCommand('skynet.setApiKey', 'second', 'sk-host-second-0123456789');
    assert.strictEqual(await api.secrets.get('skynet.apiKey.second'), 'sk-host-second-0123456789');
    assert.deepStrictEqual(JSON.parse((await api.secrets.get('skynet.apiKey.second.origins')) ?? '[]'), [
      new URL(second.url).origin,
    ]);
    await waitFor(
      'slot second to become usable',
      () => api.service.router?.slots.find((slot) => slot.config.id === 'second')?.client,
    );
    const [chat] = await vscode.lm.selectChatModels({ vendor: 'skynet', id: 'slot:second' });
    const response = await chat.sendRequest(
      [vscode.LanguageModelChatMessage.User('ping')],
      {},
      new vscode.CancellationTokenSource().token,
    );
    for await (const _text of response.text) {
      /* drain */
    }
    assert.strictEqual(chatRequests(second).at(-1)?.headers.authorization, 'Bearer sk-host-second-0123456789');
    await vscode.commands.executeCommand('skynet.clearApiKey', 'second');
    assert.strictEqual(await api.secrets.get('skynet.apiKey.second'), undefined);
  });

  it('shows the slots in router order with their model and state', async () => {
    await storeKey(api, 'first', 'sk-host-first-0123456789', first);
    await waitFor(
      'slot first usable',
      () => api.service.router?.slots.find((slot) => slot.config.id === 'first')?.client,
    );
    const items = api.slotsTree.getChildren();
    assert.deepStrictEqual(
      items.map((item) => item.label),
      api.service.router!.slots.map((slot) => slot.config.id),
    );
    assert.deepStrictEqual(
      items.map((item) => item.label),
      ['first', 'second'],
    );
    assert.match(String(items[0].description), /^model-one · ready/);
    await vscode.commands.executeCommand('workbench.view.extension.skynet');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await screenshot('slots-tree');
  });

  it('Test Slots pings each slot and reports latency', async () => {
    const results = await vscode.commands.executeCommand<Array<{ slot: string; ok: boolean; latencyMs?: number }>>(
      'skynet.testSlots',
      undefined,
      { silent: true },
    );
    const bySlot = new Map(results.map((result) => [result.slot, result]));
    assert.strictEqual(bySlot.get('first')?.ok, true);
    assert.ok((bySlot.get('first')?.latencyMs ?? -1) >= 0);
    // A server on 127.0.0.1 counts as local, so a slot without a key still answers: with no Authorization.
    assert.strictEqual(bySlot.get('second')?.ok, true);
    assert.strictEqual(chatRequests(second).at(-1)?.headers.authorization, undefined, 'the cleared key was still sent');
    assert.strictEqual(chatRequests(first).at(-1)?.headers.authorization, 'Bearer sk-host-first-0123456789');
  });

  it('puts config errors in the Problems panel and keeps the last good slots', async () => {
    const file = path.join(workspaceRoot(), 'skynet.toml');
    const good = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, `${good}\n[providers.openai\nmodel = "x"\n`);
    const errorLine = good.split('\n').length; // 0-based line of the broken header
    const diagnostics = await waitFor(
      'a diagnostic on skynet.toml',
      () => {
        const found = vscode.languages.getDiagnostics(vscode.Uri.file(file));
        return found.length > 0 ? found : undefined;
      },
      5_000,
    );
    assert.strictEqual(diagnostics[0].severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(diagnostics[0].range.start.line, errorLine);
    assert.deepStrictEqual(
      api.service.router!.slots.map((slot) => slot.config.id),
      ['first', 'second'],
    );
    fs.writeFileSync(file, good);
    await waitFor(
      'the diagnostics to clear',
      () => vscode.languages.getDiagnostics(vscode.Uri.file(file)).length === 0,
      5_000,
    );
  });
});

describe('skynet.toml editing helpers', () => {
  let api: SkynetApi;
  let one: FakeServer;
  let two: FakeServer;

  before(async () => {
    api = await skynetApi();
    one = await fakeService((_request, response) => replyText(response, 'one'));
    two = await fakeService((_request, response) => replyText(response, 'two'));
  });

  after(async () => {
    await one?.close();
    await two?.close();
  });

  it('warns about a plaintext api_key and its quick fix moves the key to Secret Storage', async () => {
    const file = path.join(workspaceRoot(), 'skynet.toml');
    await api.secrets.delete('skynet.apiKey.one');
    await api.secrets.store('skynet.apiKey.one.origins', JSON.stringify([new URL(one.url).origin]));
    await writeConfig(api, `# keys\n${compatTable('one', one, 'model-one')}api_key = "sk-plaintext-0123456789"\n`, [
      'one',
    ]);
    const uri = vscode.Uri.file(file);
    const [warning] = await waitFor('the plaintext-key warning', () => {
      const found = vscode.languages
        .getDiagnostics(uri)
        .filter((diagnostic) => diagnostic.severity === vscode.DiagnosticSeverity.Warning);
      return found.length > 0 ? found : undefined;
    });
    assert.strictEqual(warning.range.start.line, 5);
    await vscode.window.showTextDocument(uri); // code actions are computed for open documents only
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      warning.range,
    );
    const fix = actions.find((action) => action.title === 'Move key to Secret Storage');
    assert.ok(fix?.command, 'no quick fix offered');
    await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    assert.strictEqual(await api.secrets.get('skynet.apiKey.one'), 'sk-plaintext-0123456789');
    const text = fs.readFileSync(file, 'utf8');
    assert.ok(!text.includes('sk-plaintext'), 'the key is still in the file');
    assert.ok(text.startsWith('# keys\n[[providers.openai_compat]]\nid = "one"'), 'the rest of the file is untouched');
    await waitFor('the warning to go', () => vscode.languages.getDiagnostics(uri).length === 0, 5_000);
  });

  it('Add Provider appends the table without touching the rest, and keeps the key in Secret Storage', async () => {
    const file = path.join(workspaceRoot(), 'skynet.toml');
    await storeKey(api, 'one', 'sk-host-one-0123456789', one);
    await writeConfig(api, `# my comment stays\n${compatTable('one', one, 'model-one')}`, ['one']);
    const before = fs.readFileSync(file, 'utf8');
    await api.secrets.store('skynet.apiKey.added.origins', JSON.stringify([new URL(two.url).origin]));
    const slotId = await vscode.commands.executeCommand('skynet.addProvider', {
      label: 'Custom OpenAI-compatible endpoint',
      answers: { id: 'added', baseUrl: two.url, model: 'model-added', apiKey: 'sk-host-added-0123456789' },
    });
    assert.strictEqual(slotId, 'added');
    const after = fs.readFileSync(file, 'utf8');
    assert.ok(after.startsWith(before), 'the existing text changed');
    assert.strictEqual(
      after.slice(before.length),
      `\n[[providers.openai_compat]]\nid = "added"\nbase_url = "${two.url}"\nmodel = "model-added"\n`,
    );
    assert.ok(!after.includes('sk-host-added'), 'the key was written to the file');
    assert.strictEqual(await api.secrets.get('skynet.apiKey.added'), 'sk-host-added-0123456789');
    await waitFor(
      'slot added to be usable',
      () => api.service.router?.slots.find((slot) => slot.config.id === 'added')?.client,
    );
  });

  it('Add Provider asks Cloudflare for its account ID and writes it; the slot reaches that account', async () => {
    const file = path.join(workspaceRoot(), 'skynet.toml');
    await writeConfig(api, '# cloudflare\n', []);
    const before = fs.readFileSync(file, 'utf8');
    const slotId = await vscode.commands.executeCommand('skynet.addProvider', {
      label: 'Cloudflare Workers AI',
      answers: {
        accountId: '023e105f4ecef8ad9ca31a8372d0c353',
        apiKey: 'cf-host-token-0123456789',
        model: '@cf/zai-org/glm-5.3-flash',
      },
    });
    assert.strictEqual(slotId, 'cloudflare');
    const after = fs.readFileSync(file, 'utf8');
    assert.strictEqual(
      after.slice(before.length),
      '\n[[providers.openai_compat]]\nid = "cloudflare"\nmodel = "@cf/zai-org/glm-5.3-flash"\naccount_id = "023e105f4ecef8ad9ca31a8372d0c353"\n',
    );
    assert.strictEqual(await api.secrets.get('skynet.apiKey.cloudflare'), 'cf-host-token-0123456789');
    await waitFor(
      'the Cloudflare slot',
      () => api.service.router?.slots.find((slot) => slot.config.id === 'cloudflare')?.client,
    );
    assert.strictEqual(
      api.service.router?.slots.find((slot) => slot.config.id === 'cloudflare')?.config.baseUrl,
      'https://api.cloudflare.com/client/v4/accounts/023e105f4ecef8ad9ca31a8372d0c353/ai/v1',
    );
  });

  it('moves an openai_compat slot down in the router order', async () => {
    await storeKey(api, 'one', 'sk-host-one-0123456789', one);
    await storeKey(api, 'two', 'sk-host-two-0123456789', two);
    await writeConfig(api, `${compatTable('one', one, 'model-one')}\n${compatTable('two', two, 'model-two')}`, [
      'one',
      'two',
    ]);
    await vscode.commands.executeCommand('skynet.moveSlotDown', 'one');
    await waitFor(
      'the new order',
      () => api.service.router?.slots.map((slot) => slot.config.id).join(',') === 'two,one',
    );
    assert.deepStrictEqual(
      api.slotsTree.getChildren().map((item) => item.label),
      ['two', 'one'],
    );
  });
});

describe('Sign-ins', () => {
  let api: SkynetApi;
  let github: FakeServer;
  let tokenFile: string;
  let nextToken = 'gho_hostTestToken0123456789';
  const copilotItem = async () => (await api.signInsTree.getChildren()).find((item) => item.id === 'signin:copilot');

  before(async () => {
    api = await skynetApi();
    github = await startFakeServer();
    github.route('POST', '/login/device/code', (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          device_code: 'dev-123',
          user_code: 'WDJB-MJHT',
          verification_uri: `${github.url}/login/device`,
          expires_in: 900,
          interval: 0.01,
        }),
      );
    });
    github.route('POST', '/login/oauth/access_token', (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ access_token: nextToken, token_type: 'bearer', scope: 'read:user' }));
    });
    // GitHub's API: the account of the first token; the revoked one gets 401, as GitHub answers a revoked token.
    github.route('GET', '/user', (request, response) => {
      const known = request.headers.authorization === 'token gho_hostTestToken0123456789';
      response.writeHead(known ? 200 : 401, { 'content-type': 'application/json' });
      response.end(JSON.stringify(known ? { login: 'hubot', name: 'Hubot', id: 1 } : { message: 'Bad credentials' }));
    });
    github.route('GET', '/copilot_internal/v2/token', (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          token: 'tid=host;exp=1',
          expires_at: Math.floor(Date.now() / 1000) + 1800,
          refresh_in: 1500,
          sku: 'copilot_for_individuals_pro',
          chat_enabled: true,
        }),
      );
    });
    tokenFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'skynet-copilot-')), 'copilot-token');
    // The fake stands in for github.com and the Copilot API: approve its origin for this token, as the user would.
    await api.secrets.store(`file:${tokenFile}.origins`, JSON.stringify([new URL(github.url).origin]));
    await writeConfig(
      api,
      `[providers.copilot]\ngithub_url = "${github.url}"\ngithub_api_url = "${github.url}"\nbase_url = "${github.url}"\ntoken_path = "${tokenFile}"\n`,
      ['copilot'],
    );
  });

  after(async () => {
    await github?.close();
    fs.rmSync(path.dirname(tokenFile), { recursive: true, force: true });
  });

  it('signs in to Copilot with the device flow: code copied, token saved, slot usable; signs out again', async () => {
    assert.ok(api.service.router?.slots[0].unavailableReason, 'copilot should be unavailable before sign-in');
    await vscode.commands.executeCommand('skynet.signIn', 'copilot');
    assert.strictEqual(await vscode.env.clipboard.readText(), 'WDJB-MJHT');
    const codeRequest = github.requests.find((request) => request.url === '/login/device/code');
    assert.strictEqual(codeRequest?.json.client_id, 'Iv1.b507a08c87ecfe98');
    assert.strictEqual(fs.readFileSync(tokenFile, 'utf8').trim(), 'gho_hostTestToken0123456789');
    assert.strictEqual(await api.secrets.get('skynet.githubToken.copilot'), 'gho_hostTestToken0123456789');
    await waitFor(
      'copilot to become usable',
      () => api.service.router?.slots.find((slot) => slot.config.id === 'copilot')?.client,
    );
    // "signed in" at once, then the account from GET /user once it arrives; the plan from the exchange's sku.
    const item = await waitFor('the GitHub login in the Sign-ins view', async () => {
      const found = await copilotItem();
      return found?.description === 'signed in as hubot' ? found : undefined;
    });
    const tooltip = String(item.tooltip);
    assert.match(tooltip, /GitHub account: hubot \(Hubot\)/);
    assert.match(tooltip, /Copilot plan: copilot_for_individuals_pro/);
    assert.ok(tooltip.includes(tokenFile), 'the tooltip names the token file');
    assert.ok(!tooltip.includes('gho_hostTestToken'), 'the tooltip never shows the token');
    assert.strictEqual(item.contextValue, 'skynetSignIn.in');
    const userRequest = github.requests.find((request) => request.url === '/user');
    assert.strictEqual(userRequest?.headers.authorization, 'token gho_hostTestToken0123456789');
    await vscode.commands.executeCommand('skynet.signOut', 'copilot');
    assert.strictEqual(fs.existsSync(tokenFile), false);
    assert.strictEqual(await api.secrets.get('skynet.githubToken.copilot'), undefined);
    await waitFor(
      'copilot to be unavailable again',
      () => api.service.router?.slots.find((slot) => slot.config.id === 'copilot')?.unavailableReason,
    );
    assert.strictEqual((await copilotItem())?.description, 'not signed in');
  });

  it('a token GitHub answers 401 for shows "sign-in expired" with Sign In', async () => {
    nextToken = 'gho_hostRevokedToken0123456789';
    await vscode.commands.executeCommand('skynet.signIn', 'copilot');
    const item = await waitFor('"sign-in expired"', async () => {
      const found = await copilotItem();
      return found?.description === 'sign-in expired' ? found : undefined;
    });
    assert.strictEqual(item.contextValue, 'skynetSignIn.out');
    assert.strictEqual(item.command?.command, 'skynet.signIn');
    await vscode.commands.executeCommand('skynet.signOut', 'copilot');
    assert.strictEqual(fs.existsSync(tokenFile), false);
  });
});
