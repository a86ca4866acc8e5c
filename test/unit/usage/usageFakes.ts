import * as assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { parseConfig } from '../../support/config';
import type { SkynetConfig } from '../../../src/config/types';
import type { FakeServer, RecordedRequest } from '../../fakes/fakeServer';
import { replaySse, replyError, sseHeaders } from '../../fakes/wire';
import { anthropicSse } from '../../support/wire/anthropicMessages';
import { bedrockStream } from '../../support/wire/bedrockConverse';
import type { WireEvent } from '../../support/wire/events';
import { geminiSse } from '../../support/wire/gemini';
import { ollamaChatBody } from '../../support/wire/ollamaChat';
import { openaiChatSse } from '../../support/wire/openaiChat';

export const KEY = 'usage-test-key-0123456789';
export const AWS_ENV = {
  AWS_ACCESS_KEY_ID: 'AKIDFAKEUSAGE0000001',
  AWS_SECRET_ACCESS_KEY: 'fakeSecretKey/for+usage0000000000000000',
};

export type Usage = Extract<WireEvent, { type: 'usage' }>;

/** One answer with this usage, in the shared wire vocabulary each writer turns into its family's real usage fields. */
export function answer(text: string, usage: Usage): WireEvent[] {
  return [{ type: 'text', text }, usage, { type: 'finish', reason: 'stop' }];
}

/**
 * Fakes of five wires, each reporting usage where the real service does: OpenAI Chat Completions only when the
 * request asked for it (`stream_options.include_usage`, a `choices: []` chunk), Anthropic in message_start and
 * message_delta, Ollama `prompt_eval_count`/`eval_count`, Bedrock ConverseStream `metadata.usage`, Gemini
 * `usageMetadata`. `usage` is read per request, so a test can change what the next request reports.
 */
export function routeUsageFakes(
  server: FakeServer,
  usage: Record<'openai' | 'anthropic' | 'ollama' | 'bedrock' | 'gemini', () => Usage>,
): void {
  server.route('POST', '/v1/chat/completions', (request: RecordedRequest, response: ServerResponse) => {
    if (request.headers.authorization !== `Bearer ${KEY}`)
      return replyError(response, 401, { error: { message: 'Incorrect API key provided' } });
    const asked = (request.json.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
    return replaySse(
      response,
      openaiChatSse(answer('from openai', usage.openai()), { usage: asked ? 'final-chunk' : 'none' }),
    );
  });
  server.route('POST', '/v1/messages', (request, response) => {
    if (request.headers['x-api-key'] !== KEY)
      return replyError(response, 401, {
        type: 'error',
        error: { type: 'authentication_error', message: 'invalid x-api-key' },
      });
    return replaySse(response, anthropicSse(answer('from anthropic', usage.anthropic())));
  });
  server.route('POST', '/api/chat', (request, response) => {
    response.writeHead(200, { 'content-type': 'application/x-ndjson' });
    response.end(ollamaChatBody(answer('from ollama', usage.ollama()), { model: String(request.json.model) }));
  });
  server.route(
    'POST',
    `/model/${encodeURIComponent('anthropic.claude-sonnet-4-5-v1:0')}/converse-stream`,
    (request, response) => {
      if (!String(request.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 '))
        return replyError(response, 403, { message: 'Missing Authentication Token' });
      response.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream' });
      response.end(bedrockStream(answer('from bedrock', usage.bedrock())));
    },
  );
  server.route('POST', '/v1beta/models/gemini-2.5-flash:streamGenerateContent', (request, response) => {
    if (request.headers['x-goog-api-key'] !== KEY)
      return replyError(response, 403, {
        error: { code: 403, status: 'PERMISSION_DENIED', message: 'API key not valid' },
      });
    response.writeHead(200, sseHeaders());
    response.end(geminiSse(answer('from gemini', usage.gemini())));
  });
}

/** The five slots, in this order, each pointed at the fake; `extra[slot]` adds lines (price, budgets) to its table. */
export function usageConfig(
  url: string,
  extra: Partial<Record<'openai' | 'anthropic' | 'ollama' | 'bedrock' | 'gemini', string>> = {},
  top = '',
): SkynetConfig {
  const text = `${top}
[providers.anthropic]
api_key = "${KEY}"
base_url = "${url}"
${extra.anthropic ?? ''}

[[providers.openai_compat]]
id = "chat"
base_url = "${url}/v1"
api_key = "${KEY}"
model = "gpt-5.1"
${extra.openai ?? ''}

[[providers.openai_compat]]
id = "gem"
api = "gemini"
base_url = "${url}"
api_key = "${KEY}"
model = "gemini-2.5-flash"
${extra.gemini ?? ''}

[providers.bedrock]
base_url = "${url}"
region = "us-east-1"
model = "anthropic.claude-sonnet-4-5-v1:0"
${extra.bedrock ?? ''}

[providers.ollama]
base_url = "${url}"
model = "qwen3:8b"
${extra.ollama ?? ''}
`;
  const parsed = parseConfig(text, '/work/skynet.toml', AWS_ENV, '/nonexistent');
  assert.ok(
    parsed.ok,
    parsed.ok ? '' : parsed.errors.map((error) => `${error.line}:${error.column} ${error.message}`).join('\n'),
  );
  return parsed.config;
}
