import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ServerResponse } from 'node:http';
import { writeQwenCredentials } from '../../../src/auth/qwen/qwenCredentials';
import type { CopilotSlot, QwenOAuthSlot } from '../../../src/config/types';
import { COMMON_FAULTS, STREAM_ERROR_FAULTS, type FaultId } from './faults';
import { responsesPayloads } from '../../support/wire/openaiResponses';
import { REASONING_ANSWER } from '../../support/wire/samples';
import { SOURCE, bearerOf, sseFrames, type Family, type WireStream } from './family';
import { openaiErrorBody, openaiWire } from './httpFamilies';
import { SECRETS } from './secrets';

const SIGN_IN_FAULTS: readonly FaultId[] = [
  ...COMMON_FAULTS,
  ...STREAM_ERROR_FAULTS,
  'expired token',
  'refresh failing',
];

function replyJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/**
 * GitHub Copilot: a fake GitHub API mints Copilot tokens (`copilot_internal/v2/token`) naming the fake Copilot
 * API as `endpoints.api`. `expired token`: the server revokes the first token at the first chat request (401),
 * the client must exchange again once. `refresh failing`: that second exchange is refused.
 */
export const copilotFamily: Family = {
  id: 'copilot',
  label: 'Copilot',
  kind: 'copilot',
  faults: SIGN_IN_FAULTS,
  wire: openaiWire,
  errorBody: (status, echo) =>
    status === 401
      ? { error: { message: `unauthorized: token expired (${echo ?? ''})`, code: 'unauthorized' } }
      : openaiErrorBody(status, echo),
  async setup({ server, chatBaseUrl, dir, fault }) {
    const tokenPath = path.join(dir, 'copilot-token');
    fs.writeFileSync(tokenPath, `${SECRETS.githubToken}\n`, { mode: 0o600 });
    let exchanges = 0;
    let valid = '';
    server.route('GET', '/github/copilot_internal/v2/token', (request, response) => {
      if (request.headers.authorization !== `token ${SECRETS.githubToken}`)
        return replyJson(response, 401, { message: 'Bad credentials' });
      exchanges++;
      if (fault === 'refresh failing' && exchanges > 1) {
        return replyJson(response, 401, {
          message: `Bad credentials for ${SECRETS.githubToken}`,
          documentation_url: 'https://docs.github.com/rest',
        });
      }
      valid = SECRETS.copilotToken(exchanges);
      replyJson(response, 200, {
        token: valid,
        expires_at: Math.floor(Date.now() / 1000) + 1800,
        refresh_in: 1500,
        endpoints: { api: `${chatBaseUrl}/copilot`, proxy: 'https://proxy.example.invalid' },
        chat_enabled: true,
      });
    });
    let revoked = false;
    const slot: CopilotSlot = {
      id: 'copilot',
      kind: 'copilot',
      displayName: 'GitHub Copilot',
      model: 'gpt-4.1',
      // The user's base_url names the fake Copilot API, so GitHub's reply naming it there is no foreign address.
      baseUrl: `${chatBaseUrl}/copilot`,
      githubUrl: 'https://github.com',
      githubApiUrl: `${server.url}/github`,
      tokenPath,
      source: SOURCE,
    };
    return {
      slot,
      chat: { method: 'POST', path: '/copilot/chat/completions' },
      credentialOf: bearerOf,
      accepts(request) {
        if ((fault === 'expired token' || fault === 'refresh failing') && !revoked) {
          revoked = true;
          valid = 'revoked';
        }
        return request.headers.authorization === `Bearer ${valid}`;
      },
      verify() {
        if (fault === 'expired token' || fault === 'refresh failing')
          assert.equal(exchanges, 2, 'one token exchange, then exactly one more after the 401');
      },
      knownSecrets: [SECRETS.githubToken],
    };
  },
};

/**
 * Qwen OAuth: a credentials file like qwen-code's, a fake chat.qwen.ai token endpoint and a fake DashScope
 * endpoint at `resource_url`. `expired token`: the saved token is past its expiry, the client refreshes once
 * before the request. `refresh failing`: the refresh is refused (`invalid_grant`).
 */
export const qwenFamily: Family = {
  id: 'qwen-oauth',
  label: 'Qwen',
  kind: 'qwen-oauth',
  faults: SIGN_IN_FAULTS,
  wire: openaiWire,
  errorBody: (status, echo) =>
    status === 401
      ? {
          error: {
            message: `invalid access token or token expired (${echo ?? ''})`,
            type: 'invalid_request_error',
            code: 'invalid_api_key',
          },
        }
      : openaiErrorBody(status, echo),
  async setup({ server, chatBaseUrl, dir, fault }) {
    const file = path.join(dir, 'oauth_creds.json');
    const expired = fault === 'expired token' || fault === 'refresh failing';
    let valid = SECRETS.qwenAccess(1);
    let refreshes = 0;
    await writeQwenCredentials(file, {
      accessToken: valid,
      refreshToken: SECRETS.qwenRefresh,
      tokenType: 'Bearer',
      expiresAt: Date.now() + (expired ? -60_000 : 3600_000),
      resourceUrl: chatBaseUrl,
    });
    server.route('POST', '/api/v1/oauth2/token', (request, response) => {
      refreshes++;
      const form = Object.fromEntries(new URLSearchParams(request.body));
      if (fault === 'refresh failing' || form.refresh_token !== SECRETS.qwenRefresh) {
        return replyJson(response, 400, {
          error: 'invalid_grant',
          error_description: `refresh token ${form.refresh_token ?? ''} expired`,
        });
      }
      valid = SECRETS.qwenAccess(refreshes + 1);
      replyJson(response, 200, {
        access_token: valid,
        refresh_token: SECRETS.qwenRefresh,
        token_type: 'Bearer',
        expires_in: 3600,
        resource_url: chatBaseUrl,
      });
    });
    const slot: QwenOAuthSlot = {
      id: 'qwen_oauth',
      kind: 'qwen-oauth',
      displayName: 'Qwen (OAuth)',
      model: 'qwen3-coder-plus',
      baseUrl: `${chatBaseUrl}/fallback/v1`,
      authUrl: server.url,
      credentialsPath: file,
      source: SOURCE,
    };
    return {
      slot,
      chat: { method: 'POST', path: '/v1/chat/completions' },
      credentialOf: bearerOf,
      accepts: (request) => request.headers.authorization === `Bearer ${valid}`,
      verify() {
        assert.equal(
          refreshes,
          expired ? 1 : 0,
          expired ? 'exactly one refresh' : 'no refresh while the token is fresh',
        );
      },
      knownSecrets: [SECRETS.qwenAccess(1), SECRETS.qwenRefresh],
    };
  },
};

/** The sample reasoning answer as a Copilot Responses stream (gpt-5.3-codex), SSE frames with event names. */
export function copilotResponsesWire(): WireStream {
  const payloads = responsesPayloads(REASONING_ANSWER);
  const textOf = (payload: string) => {
    const event = JSON.parse(payload) as { type?: string; delta?: string };
    return event.type === 'response.output_text.delta' ? (event.delta ?? '') : '';
  };
  return {
    contentType: 'text/event-stream; charset=utf-8',
    frames: sseFrames(payloads, { eventNames: true, done: false }),
    firstOutputFrame: payloads.findIndex((payload) => textOf(payload).length > 0),
    text: payloads.map(textOf).join(''),
    malformedFrame: Buffer.from(
      'event: response.output_text.delta\ndata: {"type":"response.output_text.delta","output_index":1,"delta":"Hel\n\n',
    ),
    // Copilot ends a stream whose upstream failed after the 200 with `response.failed`.
    errorEventFrame: Buffer.from(
      'event: response.failed\ndata: {"type":"response.failed","sequence_number":1,"response":{"id":"r1","status":"failed","error":{"code":"server_error","message":"The server is overloaded, please try again"}}}\n\n',
    ),
  };
}

/**
 * Copilot's Responses-only models (gpt-5.3-codex): the same sign-in and faults as the Copilot family, the chat on
 * `/copilot/responses`. The fake has no `/models`, so the model goes there by its name.
 */
export const copilotResponsesFamily: Family = {
  ...copilotFamily,
  id: 'copilot-responses',
  label: 'Copilot Responses',
  wire: copilotResponsesWire,
  async setup(context) {
    const setup = await copilotFamily.setup(context);
    return {
      ...setup,
      slot: { ...(setup.slot as CopilotSlot), model: 'gpt-5.3-codex' },
      chat: { method: 'POST', path: '/copilot/responses' },
    };
  },
};
