import * as assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { createAnthropicClient } from '../../../../src/providers/anthropic/client';
import { collectChat } from '../../../../src/providers/collect';
import { startFakeServer, type FakeServer } from '../../../fakes/fakeServer';
import { describeRecorded, listFixtures } from '../../../fakes/fixtures';
import { anthropicSse } from '../../../support/wire/anthropicMessages';
import {
  NO_ARGS_TOOL_CALL,
  REASONING_ANSWER,
  REASONING_TOOL_CALL,
  TEXT_ANSWER,
  TOOL_CALL_ANSWER,
} from '../../../support/wire/samples';
import { replaySse } from '../../../fakes/wire';
import { recordedAnthropicSse } from './anthropicSse';
import { API_KEY, anthropicSlot } from './testDeps';
import { fastHttpClient, providerDeps } from '../../../fakes/providerHarness';

/** The official SDK (dev-only) parses the same bytes from the same fake server; both must agree. */
describe('Anthropic client agrees with @anthropic-ai/sdk', function () {
  let server: FakeServer;
  const http = fastHttpClient();
  beforeEach(async () => (server = await startFakeServer()));
  afterEach(async () => server.close());
  after(() => http.close());

  const agreesOn = (sse: () => string) => async () => {
    server.route('POST', '/v1/messages', (_req, res) => replaySse(res, sse()));
    const sdk = new Anthropic({ apiKey: API_KEY, baseURL: server.url, maxRetries: 0 });
    const message = await sdk.messages
      .stream({ model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] })
      .finalMessage();
    const ours = await collectChat(
      createAnthropicClient(anthropicSlot(server.url), providerDeps(http)).streamChat({
        messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
      }),
    );

    let text = '';
    let reasoning = '';
    let signature: string | undefined;
    const toolCalls: Array<{ id: string; name: string; arguments: unknown }> = [];
    for (const block of message.content) {
      if (block.type === 'text') text += block.text;
      if (block.type === 'thinking') {
        reasoning += block.thinking;
        signature = block.signature || undefined;
      }
      if (block.type === 'tool_use') toolCalls.push({ id: block.id, name: block.name, arguments: block.input });
    }
    assert.equal(ours.text, text);
    assert.equal(ours.reasoning, reasoning);
    assert.equal(ours.reasoningSignature, signature);
    assert.deepEqual(ours.toolCalls, toolCalls);
    assert.equal(ours.rawFinishReason, message.stop_reason);
    assert.equal(ours.usage.outputTokens, message.usage.output_tokens);
    assert.equal(
      ours.usage.inputTokens,
      message.usage.input_tokens +
        (message.usage.cache_read_input_tokens ?? 0) +
        (message.usage.cache_creation_input_tokens ?? 0),
    );
  };

  for (const [name, sample] of Object.entries({
    TEXT_ANSWER,
    REASONING_ANSWER,
    TOOL_CALL_ANSWER,
    REASONING_TOOL_CALL,
    NO_ARGS_TOOL_CALL,
  })) {
    it(
      `on ${name}`,
      agreesOn(() => anthropicSse([{ type: 'ping' }, ...sample])),
    );
  }

  describeRecorded('the recordings', () => {
    for (const fixture of listFixtures('anthropic'))
      it(
        `on ${fixture}`,
        agreesOn(() => recordedAnthropicSse(fixture)),
      );
  });
});
