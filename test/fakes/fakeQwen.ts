import { createHash } from 'node:crypto';
import { argumentFragments, type WireEvent } from '../support/wire/events';
import { openaiChatPayloads } from '../support/wire/openaiChat';
import type { FakeServer } from './fakeServer';
import { replaySse, sseFromPayloads } from './wire';
import { formOf, replyJson } from './signinHarness';

export const QWEN_TOOL_CALL_ID = 'call_5d0c9e8f1a2b4c6d8e0f1a2b';
/** What the fake DashScope streams: one weather tool call in DashScope's dialect (later fragments repeat `id:""`). */
const QWEN_TOOL_CALL: WireEvent[] = [
  {
    type: 'tool-call',
    id: QWEN_TOOL_CALL_ID,
    name: 'weather',
    arguments: argumentFragments({ location: 'San Francisco' }, 2),
  },
  { type: 'finish', reason: 'tool-calls' },
  { type: 'usage', inputTokens: 295, outputTokens: 22 },
];

export interface FakeQwenState {
  challenge?: string;
  /** Answers for device-code polls before the grant: `pending`, `slow_down`, or an error code. */
  polls: string[];
  refreshes: number;
  /** The access token the chat endpoint accepts now. */
  validToken: string;
  refreshToken: string;
  /** How many times the next chat requests answer 401 regardless of the token. */
  forced401: number;
  chatRequests: number;
  /** Poll interval (seconds) in the device-code reply; Qwen's real reply names none. */
  interval?: number;
  /** What the next refresh reply carries as `resource_url`. */
  resourceUrl?: string;
  /** The page the device-code reply sends the user to (a host test points it at the fake, so nothing goes out). */
  verificationUri?: string;
}

const CLIENT_ID = 'f0304373b74a44d2b584a3fb70ca9e56';

/**
 * A fake chat.qwen.ai (device code, token with PKCE check, refresh) and a fake DashScope chat endpoint
 * replaying the recorded DashScope stream, on one server.
 */
export function fakeQwen(server: FakeServer, initial: Partial<FakeQwenState> = {}): FakeQwenState {
  const state: FakeQwenState = {
    polls: [],
    refreshes: 0,
    validToken: 'qwen-access-1',
    refreshToken: 'qwen-refresh-1',
    forced401: 0,
    chatRequests: 0,
    ...initial,
  };
  server.route('POST', '/api/v1/oauth2/device/code', (request, response) => {
    const form = formOf(request.body);
    if (form.client_id !== CLIENT_ID || form.code_challenge_method !== 'S256' || !form.code_challenge) {
      return replyJson(response, 400, { error: 'invalid_request', error_description: 'bad device code request' });
    }
    state.challenge = form.code_challenge;
    replyJson(response, 200, {
      device_code: 'qwen-device-code',
      user_code: 'QW-EN42',
      verification_uri: state.verificationUri ?? 'https://chat.qwen.ai/authorize',
      verification_uri_complete: `${state.verificationUri ?? 'https://chat.qwen.ai/authorize'}?user_code=QW-EN42&client=qwen-code`,
      expires_in: 600,
      ...(state.interval !== undefined ? { interval: state.interval } : {}),
    });
  });
  server.route('POST', '/api/v1/oauth2/token', (request, response) => {
    const form = formOf(request.body);
    if (form.client_id !== CLIENT_ID) return replyJson(response, 400, { error: 'invalid_client' });
    if (form.grant_type === 'refresh_token') {
      state.refreshes++;
      if (form.refresh_token !== state.refreshToken)
        return replyJson(response, 400, { error: 'invalid_grant', error_description: 'refresh token expired' });
      state.validToken = `qwen-access-${state.refreshes + 1}`;
      return replyJson(response, 200, {
        access_token: state.validToken,
        token_type: 'Bearer',
        expires_in: 3600,
        ...(state.resourceUrl ? { resource_url: state.resourceUrl } : {}),
      });
    }
    if (form.grant_type !== 'urn:ietf:params:oauth:grant-type:device_code' || form.device_code !== 'qwen-device-code') {
      return replyJson(response, 400, { error: 'invalid_request' });
    }
    const next = state.polls.shift();
    if (next === 'pending')
      return replyJson(response, 400, { error: 'authorization_pending', error_description: 'pending' });
    if (next === 'slow_down') return replyJson(response, 429, { error: 'slow_down', error_description: 'slow down' });
    if (next) return replyJson(response, 400, { error: next, error_description: `refused: ${next}` });
    // PKCE: the verifier sent now must hash to the challenge sent with the device-code request.
    const recomputed = createHash('sha256')
      .update(form.code_verifier ?? '')
      .digest('base64url');
    if (!state.challenge || recomputed !== state.challenge)
      return replyJson(response, 400, {
        error: 'invalid_grant',
        error_description: 'code_verifier does not match code_challenge',
      });
    replyJson(response, 200, {
      access_token: state.validToken,
      refresh_token: state.refreshToken,
      token_type: 'Bearer',
      expires_in: 3600,
      resource_url: server.url,
    });
  });
  server.route('POST', '/v1/chat/completions', async (request, response) => {
    state.chatRequests++;
    if (state.forced401 > 0 || request.headers.authorization !== `Bearer ${state.validToken}`) {
      if (state.forced401 > 0) state.forced401--;
      return replyJson(response, 401, {
        error: {
          message: 'invalid access token or token expired',
          type: 'invalid_request_error',
          code: 'invalid_api_key',
        },
      });
    }
    await replaySse(
      response,
      sseFromPayloads(openaiChatPayloads(QWEN_TOOL_CALL, { toolCalls: 'repeat-empty-id', model: 'qwen3-coder-plus' })),
    );
  });
  return state;
}
