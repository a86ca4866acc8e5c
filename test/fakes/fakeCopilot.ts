import type { ServerResponse } from 'node:http';
import { openaiChatPayloads } from '../support/wire/openaiChat';
import { responsesPayloads } from '../support/wire/openaiResponses';
import { REASONING_ANSWER, TEXT_ANSWER } from '../support/wire/samples';
import type { FakeServer, RecordedRequest } from './fakeServer';
import { replaySse, sseFromPayloads } from './wire';
import { replyJson } from './signinHarness';

export const GITHUB_TOKEN = 'gho_FAKEGITHUBTOKEN1234567890';

/** A real Copilot Responses-API stream (gpt-5.3-codex) whose item ids change on every event. */
/** What the fake Copilot streams on /responses: the sample reasoning answer, item ids rotating as Copilot's do. */
export const copilotResponsesPayloads = (): string[] =>
  responsesPayloads(REASONING_ANSWER, { model: 'gpt-5.3-codex', rotateItemIds: true });

export interface FakeCopilotState {
  exchanges: number;
  /** The Copilot token the chat endpoint accepts now. */
  validToken: string;
  chatRequests: RecordedRequest[];
  /** The next chat requests answer 401 while this is positive. */
  forced401: number;
  /** Seconds; omitted from the reply when undefined. */
  refreshIn?: number;
  lifetimeSeconds: number;
  /** Replaces the exchange's answer (no subscription, revoked token). */
  exchangeReply?: (response: ServerResponse) => void;
  /** Replay the long recorded stream in uneven pieces; otherwise a short reply keeps many-request tests fast. */
  recorded?: boolean;
  /** Replaces the chat answer (stall, reset). */
  chatReply?: (response: ServerResponse) => void | Promise<void>;
  /** Requests to `/copilot/responses` (the Responses API). */
  responsesRequests: RecordedRequest[];
  /** Replaces the Responses answer; by default the recorded Copilot Responses stream (gpt-5.3-codex). */
  responsesReply?: (response: ServerResponse, request: RecordedRequest) => void | Promise<void>;
  /** `data` of the `/models` answer; by default two dual-API models. */
  models: unknown[];
  /** Replaces the `/models` answer (unavailable). */
  modelsReply?: (response: ServerResponse) => void;
  modelsRequests: number;
}

/** What Copilot's `/models` says of each model's APIs, as it says it for these models. */
export const DEFAULT_MODELS = [
  { id: 'gpt-4.1', object: 'model', name: 'GPT-4.1', supported_endpoints: ['/chat/completions', '/responses'] },
  { id: 'claude-sonnet-4', object: 'model', supported_endpoints: ['/chat/completions'] },
];

const SHORT_REPLY = [
  '{"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assistant","content":"Hello"},"finish_reason":null}]}',
  '{"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}',
];

/**
 * A fake GitHub API (`copilot_internal/v2/token`, under `apiPrefix` for Enterprise) and a fake Copilot API at
 * `<server>/copilot` (what `endpoints.api` names), replaying the recorded OpenAI stream on `/chat/completions`
 * and the recorded Copilot Responses stream on `/responses`.
 */
export function fakeCopilot(
  server: FakeServer,
  now: () => number,
  options: { apiPrefix?: string } & Partial<FakeCopilotState> = {},
): FakeCopilotState {
  const { apiPrefix = '', ...initial } = options;
  const state: FakeCopilotState = {
    exchanges: 0,
    validToken: '',
    chatRequests: [],
    responsesRequests: [],
    models: DEFAULT_MODELS,
    modelsRequests: 0,
    forced401: 0,
    refreshIn: 1500,
    lifetimeSeconds: 1800,
    ...initial,
  };
  server.route('GET', `${apiPrefix}/copilot_internal/v2/token`, (request, response) => {
    if (state.exchangeReply) return state.exchangeReply(response);
    if (request.headers.authorization !== `token ${GITHUB_TOKEN}`)
      return replyJson(response, 401, { message: 'Bad credentials' });
    state.exchanges++;
    state.validToken = `tid=copilot-${state.exchanges};exp=1`;
    replyJson(response, 200, {
      token: state.validToken,
      expires_at: Math.floor(now() / 1000) + state.lifetimeSeconds,
      ...(state.refreshIn !== undefined ? { refresh_in: state.refreshIn } : {}),
      endpoints: { api: `${server.url}/copilot`, proxy: 'https://proxy.example.invalid' },
      chat_enabled: true,
    });
  });
  server.route('POST', '/copilot/chat/completions', async (request, response) => {
    state.chatRequests.push(request);
    if (state.forced401 > 0 || request.headers.authorization !== `Bearer ${state.validToken}`) {
      if (state.forced401 > 0) state.forced401--;
      return replyJson(response, 401, { error: { message: 'unauthorized: token expired', code: 'unauthorized' } });
    }
    if (state.chatReply) return state.chatReply(response);
    if (state.recorded) return replaySse(response, sseFromPayloads(openaiChatPayloads(TEXT_ANSWER)));
    await replaySse(response, sseFromPayloads(SHORT_REPLY), { chunkSizes: [4096] });
  });
  server.route('POST', '/copilot/responses', async (request, response) => {
    state.responsesRequests.push(request);
    if (state.forced401 > 0 || request.headers.authorization !== `Bearer ${state.validToken}`) {
      if (state.forced401 > 0) state.forced401--;
      return replyJson(response, 401, { error: { message: 'unauthorized: token expired', code: 'unauthorized' } });
    }
    if (state.responsesReply) return state.responsesReply(response, request);
    await replaySse(response, sseFromPayloads(copilotResponsesPayloads(), { eventNames: true, done: false }));
  });
  server.route('GET', '/copilot/models', (request, response) => {
    state.modelsRequests++;
    if (request.headers.authorization !== `Bearer ${state.validToken}`)
      return replyJson(response, 401, { error: { message: 'unauthorized' } });
    if (state.modelsReply) return state.modelsReply(response);
    replyJson(response, 200, { object: 'list', data: state.models });
  });
  return state;
}
