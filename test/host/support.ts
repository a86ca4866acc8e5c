// Helpers for the suites that run inside the real VS Code extension host.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ServerResponse } from 'node:http';
import * as vscode from 'vscode';
import type { SkynetApi } from '../../src/extension';
import { startFakeServer, type FakeServer, type RecordedRequest } from '../fakes/fakeServer';
import { replyError, sseFromPayloads, sseHeaders, writeInPieces } from '../fakes/wire';

export const EXTENSION_ID = 'skynet-dev.skynet';

export async function skynetApi(): Promise<SkynetApi> {
  const extension = vscode.extensions.getExtension<SkynetApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed in this host`);
  const api = extension.isActive ? extension.exports : await extension.activate();
  await api.ready; // activate() does not wait for the first configuration
  return api;
}

export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the host was opened without a workspace folder');
  return folder.uri.fsPath;
}

export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Writes the workspace's skynet.toml the way a user's editor would, and waits until the slots match. */
export async function writeConfig(api: SkynetApi, text: string, expectedSlots: string[]): Promise<void> {
  fs.writeFileSync(path.join(workspaceRoot(), 'skynet.toml'), text);
  await waitFor(
    `slots ${expectedSlots.join(', ')}`,
    () => {
      const slots = api.service.router?.slots.map((slot) => slot.config.id) ?? [];
      return slots.join(',') === expectedSlots.join(',');
    },
    5_000,
  );
}

/**
 * Stores a slot's key in SecretStorage the way "Set API Key" does, and approves the fake server's origin for it
 * (a custom base_url is not the provider's own address, so the key is otherwise held back: see originGuard).
 */
export async function storeKey(api: SkynetApi, slotId: string, key: string, server: FakeServer): Promise<void> {
  await api.secrets.store(`skynet.apiKey.${slotId}.origins`, JSON.stringify([new URL(server.url).origin]));
  await api.secrets.store(`skynet.apiKey.${slotId}`, key);
}

/** A `[[providers.openai_compat]]` table pointing at a fake server. */
export function compatTable(id: string, server: FakeServer, model: string): string {
  return `[[providers.openai_compat]]\nid = "${id}"\nbase_url = "${server.url}"\nmodel = "${model}"\n`;
}

function chunk(delta: Record<string, unknown>, finish: string | null = null): string {
  return JSON.stringify({
    id: 'chatcmpl-host',
    object: 'chat.completion.chunk',
    created: 1_767_000_000,
    model: 'fake',
    choices: [{ index: 0, delta, finish_reason: finish }],
  });
}

/** OpenAI Chat Completions SSE: the text in several deltas, then `stop`, written in small uneven pieces. */
export async function replyText(response: ServerResponse, text: string): Promise<void> {
  const words = text.match(/\S+\s*/g) ?? [text];
  const payloads = [
    chunk({ role: 'assistant', content: '' }),
    ...words.map((word) => chunk({ content: word })),
    chunk({}, 'stop'),
  ];
  response.writeHead(200, sseHeaders());
  await writeInPieces(response, Buffer.from(sseFromPayloads(payloads)), { chunkSizes: [7, 3, 19, 2] });
}

/** A streamed tool call whose arguments arrive in fragments, then `tool_calls`. */
export async function replyToolCall(
  response: ServerResponse,
  name: string,
  args: Record<string, unknown>,
): Promise<void> {
  const json = JSON.stringify(args);
  const half = Math.floor(json.length / 2);
  const payloads = [
    chunk({
      role: 'assistant',
      tool_calls: [{ index: 0, id: 'call_host_1', type: 'function', function: { name, arguments: '' } }],
    }),
    chunk({ tool_calls: [{ index: 0, function: { arguments: json.slice(0, half) } }] }),
    chunk({ tool_calls: [{ index: 0, function: { arguments: json.slice(half) } }] }),
    chunk({}, 'tool_calls'),
  ];
  response.writeHead(200, sseHeaders());
  await writeInPieces(response, Buffer.from(sseFromPayloads(payloads)));
}

export function replyRateLimited(response: ServerResponse): void {
  replyError(
    response,
    429,
    { error: { message: 'Rate limit reached', type: 'rate_limit_error' } },
    { 'retry-after': '30' },
  );
}

/** A fake OpenAI-compatible service whose chat endpoint answers with `handler`. */
export async function fakeService(
  handler: (request: RecordedRequest, response: ServerResponse) => void | Promise<void>,
): Promise<FakeServer> {
  const server = await startFakeServer();
  server.route('POST', '/v1/chat/completions', handler);
  return server;
}

export function chatRequests(server: FakeServer): RecordedRequest[] {
  return server.requests.filter((request) => request.url.startsWith('/v1/chat/completions'));
}

/** Asks the harness for a screenshot of the workbench and waits until it is written. */
export async function screenshot(name: string): Promise<void> {
  const folder = process.env.SKYNET_HOST_SHOTS;
  if (!folder) return;
  const file = path.join(folder, `${name}.png`);
  fs.rmSync(file, { force: true });
  console.log(`[skynet-shot] ${name}`);
  await waitFor(`screenshot ${name}`, () => fs.existsSync(file), 15_000);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for a slot's model in vscode.lm, sends it one user message and returns the streamed text. */
export async function askSlotModel(slotId: string, prompt: string): Promise<string> {
  const [model] = await waitFor(`the ${slotId} model`, async () => {
    const models = await vscode.lm.selectChatModels({ vendor: 'skynet', id: `slot:${slotId}` });
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
