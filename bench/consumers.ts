import { Agent, request } from 'undici';
import { DEFAULT_ROUTER_SETTINGS, type SlotConfig } from '../src/config/types';
import type { ProviderClient } from '../src/providers/types';
import { chatEventBatches } from '../src/providers/eventBatches';
import { ProviderRouter } from '../src/router/router';
import type { Family } from './longStreams';
import { sdkConsumer } from './sdkConsumers';
import { createSkynetClient, MODEL, PROMPT } from './skynetClients';

/** Reads one whole answer; resolves with the characters of text it produced (bytes for the raw read). */
export type Consumer = () => Promise<number>;

export interface FamilyConsumers {
  raw: Consumer;
  /** The raw read plus what any client must do: split the events and JSON.parse each (text formats only). */
  parseFloor?: Consumer;
  skynet?: Consumer;
  /** The same client behind a one-slot ProviderRouter: the path the extension takes. */
  routed?: Consumer;
  /** Why Skynet is not measured for this family (its client is not in this build). */
  skynetMissing?: string;
  sdk: Consumer;
  sdkName: string;
}

/** Where each family's stream is requested, and with what body, for the raw read. */
const RAW_TARGETS: Record<Family, { path: string; body: unknown }> = {
  openai: {
    path: '/v1/chat/completions',
    body: { model: MODEL, stream: true, messages: [{ role: 'user', content: PROMPT }] },
  },
  anthropic: {
    path: '/v1/messages',
    body: { model: MODEL, stream: true, max_tokens: 1024, messages: [{ role: 'user', content: PROMPT }] },
  },
  ollama: { path: '/api/chat', body: { model: MODEL, stream: true, messages: [{ role: 'user', content: PROMPT }] } },
  bedrock: {
    path: `/model/${MODEL}/converse-stream`,
    body: { messages: [{ role: 'user', content: [{ text: PROMPT }] }] },
  },
  gemini: {
    path: `/v1beta/models/${MODEL}:streamGenerateContent?alt=sse`,
    body: { contents: [{ role: 'user', parts: [{ text: PROMPT }] }] },
  },
};

/** The floor: undici's request, every body byte read and nothing parsed. */
function rawConsumer(baseUrl: string, family: Family, dispatcher: Agent): Consumer {
  const target = RAW_TARGETS[family];
  const body = JSON.stringify(target.body);
  return async () => {
    const response = await request(`${baseUrl}${target.path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      dispatcher,
    });
    let bytes = 0;
    for await (const chunk of response.body) bytes += (chunk as Buffer).length;
    return bytes;
  };
}

/** Raw read, lines split and every JSON event parsed; counts parsed events. Not a client: a lower bound. */
function parseFloorConsumer(baseUrl: string, family: Family, dispatcher: Agent): Consumer | undefined {
  if (family === 'bedrock') return undefined; // binary frames: no text floor
  const target = RAW_TARGETS[family];
  const body = JSON.stringify(target.body);
  const prefix = family === 'ollama' ? '' : 'data: ';
  return async () => {
    const response = await request(`${baseUrl}${target.path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      dispatcher,
    });
    const decoder = new TextDecoder();
    let rest = '';
    let parsed = 0;
    const parseLine = (line: string) => {
      if (!line.startsWith(prefix) || line === 'data: [DONE]' || line.length === prefix.length) return;
      if (JSON.parse(line.slice(prefix.length))) parsed++;
    };
    for await (const chunk of response.body) {
      const lines = (rest + decoder.decode(chunk as Buffer, { stream: true })).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) parseLine(line);
    }
    parseLine(rest + decoder.decode());
    return parsed;
  };
}

/**
 * Text characters of a stream of event batches (Skynet's ChatEvents or the router's RoutedEvents), read the way the
 * chat participant, the language-model provider and the CLI read them: one await per batch.
 */
async function textLength(batches: AsyncIterable<ReadonlyArray<{ type: string; text?: string }>>): Promise<number> {
  let chars = 0;
  for await (const batch of batches)
    for (const event of batch) if (event.type === 'text-delta') chars += event.text!.length;
  return chars;
}

export function routedConsumer(client: ProviderClient, config: SlotConfig): Consumer {
  const router = new ProviderRouter([{ config, client }], { settings: DEFAULT_ROUTER_SETTINGS });
  const chatRequest = { messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: PROMPT }] }] };
  return () => textLength(router.streamBatches(chatRequest));
}

export function skynetConsumer(client: ProviderClient): Consumer {
  const chatRequest = { messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: PROMPT }] }] };
  return () => textLength(chatEventBatches(client, chatRequest));
}

export function familyConsumers(
  family: Family,
  baseUrl: string,
  dispatcher: Agent,
  deps: Parameters<typeof createSkynetClient>[2],
): FamilyConsumers {
  const sdk = sdkConsumer(family, baseUrl);
  const skynet = createSkynetClient(family, baseUrl, deps);
  return {
    raw: rawConsumer(baseUrl, family, dispatcher),
    parseFloor: parseFloorConsumer(baseUrl, family, dispatcher),
    skynet: 'client' in skynet ? skynetConsumer(skynet.client) : undefined,
    routed: 'client' in skynet ? routedConsumer(skynet.client, skynet.config) : undefined,
    skynetMissing: 'missing' in skynet ? skynet.missing : undefined,
    sdk: sdk.consume,
    sdkName: sdk.name,
  };
}
