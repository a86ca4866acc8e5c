import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ServerResponse } from 'node:http';
import { exportPKCS8, generateKeyPair } from 'jose';
import type { BedrockSlot, VertexSlot } from '../../../src/config/types';
import { replyError } from '../../fakes/wire';
import { bedrockEventLines, bedrockFrames } from '../../support/wire/bedrockConverse';
import { textOf } from '../../support/wire/events';
import { geminiPayloads } from '../../support/wire/gemini';
import { TEXT_ANSWER } from '../../support/wire/samples';
import { COMMON_FAULTS } from './faults';
import { SOURCE, bearerOf, sseFrames, type Family, type WireStream } from './family';
import { SECRETS, pemSecrets } from './secrets';

const BEDROCK_MODEL = 'anthropic.claude-3-5-sonnet-20240620-v1:0';

/** The sample answer as ConverseStream, one binary event-stream frame per event. */
function bedrockWire(): WireStream {
  const lines = bedrockEventLines(TEXT_ANSWER);
  const lineText = (line: string) =>
    (JSON.parse(line) as { contentBlockDelta?: { delta?: { text?: string } } }).contentBlockDelta?.delta?.text ?? '';
  const frames = bedrockFrames(lines);
  const malformed = Buffer.from(frames[0]);
  malformed[9] ^= 0xff; // prelude CRC
  return {
    contentType: 'application/vnd.amazon.eventstream',
    frames,
    firstOutputFrame: lines.findIndex((line) => lineText(line).length > 0),
    text: textOf(TEXT_ANSWER),
    malformedFrame: malformed,
  };
}

function bedrockErrorBody(status: number, echo: string | undefined): unknown {
  const quoted = echo ? ` (token ${echo})` : '';
  if (status === 429)
    return { __type: 'ThrottlingException', message: `Too many requests, please wait before trying again${quoted}` };
  if (status === 500)
    return { __type: 'InternalServerException', message: `The server encountered an internal error${quoted}` };
  if (status === 502 || status === 503)
    return { __type: 'ServiceUnavailableException', message: `Bedrock is unavailable (${status})${quoted}` };
  return { message: `The service is overloaded${quoted}` };
}

/**
 * AWS Bedrock: SigV4 with temporary keys from the environment; the fake echoes the session token in its
 * error bodies. `corrupted frame`: a frame after the first text has a broken message CRC. `clock skew`:
 * the 403 InvalidSignatureException "Signature expired" AWS sends when the clock is off.
 */
export const bedrockFamily: Family = {
  id: 'bedrock',
  label: 'Bedrock',
  kind: 'bedrock',
  faults: [...COMMON_FAULTS, 'corrupted frame', 'clock skew'],
  wire: bedrockWire,
  errorBody: bedrockErrorBody,
  async setup({ chatBaseUrl }) {
    const slot: BedrockSlot = {
      id: 'bedrock',
      kind: 'bedrock',
      displayName: 'AWS Bedrock',
      model: BEDROCK_MODEL,
      baseUrl: chatBaseUrl,
      region: 'us-east-1',
      source: SOURCE,
    };
    return {
      slot,
      deps: {
        env: {
          AWS_ACCESS_KEY_ID: SECRETS.awsAccessKeyId,
          AWS_SECRET_ACCESS_KEY: SECRETS.awsSecretKey,
          AWS_SESSION_TOKEN: SECRETS.awsSessionToken,
        },
      },
      chat: { method: 'POST', path: `/model/${encodeURIComponent(BEDROCK_MODEL)}/converse-stream` },
      credentialOf: (request) =>
        typeof request.headers['x-amz-security-token'] === 'string'
          ? request.headers['x-amz-security-token']
          : undefined,
      knownSecrets: [SECRETS.awsSecretKey, SECRETS.awsSessionToken],
    };
  },
  async special(fault, response: ServerResponse, wire) {
    if (fault === 'clock skew') {
      replyError(
        response,
        403,
        {
          message:
            'Signature expired: 20260101T000000Z is now earlier than 20260101T001500Z (20260101T003000Z - 15 min.)',
        },
        { 'x-amzn-errortype': 'InvalidSignatureException:http://internal.amazon.com/coral/com.amazon.coral.service/' },
      );
      return true;
    }
    if (fault === 'corrupted frame') {
      const frames = wire.frames.map((frame) => Buffer.from(frame));
      const bad = frames[wire.firstOutputFrame + 2];
      bad[bad.length - 6] ^= 0x01;
      response.writeHead(200, { 'content-type': wire.contentType });
      response.end(Buffer.concat(frames));
      return true;
    }
    return false;
  },
};

/** The sample answer as `streamGenerateContent?alt=sse` chunks, one per delta, the last with finishReason and usage. */
function vertexWire(): WireStream {
  return {
    contentType: 'text/event-stream',
    frames: sseFrames(geminiPayloads(TEXT_ANSWER), { done: false }),
    firstOutputFrame: 0,
    text: textOf(TEXT_ANSWER),
    malformedFrame: Buffer.from('data: {"candidates":[{"content":{"parts":[{"text":"Hel\n\n'),
  };
}

function vertexErrorBody(status: number, echo: string | undefined): unknown {
  const quoted = echo ? ` (token ${echo})` : '';
  const statusName: Record<number, string> = {
    401: 'UNAUTHENTICATED',
    429: 'RESOURCE_EXHAUSTED',
    500: 'INTERNAL',
    502: 'UNAVAILABLE',
    503: 'UNAVAILABLE',
  };
  return [
    {
      error: {
        code: status,
        message: `Vertex says ${status}${quoted}`,
        ...(statusName[status] ? { status: statusName[status] } : {}),
      },
    },
  ];
}

let keyPem: Promise<string> | undefined;

/**
 * Google Vertex AI (Gemini): a service-account key file (a real RSA key) whose token_uri is the fake server at the
 * slot's base_url (a token_uri elsewhere would need the user's approval);
 * the fake echoes the access token in error bodies. `expired token`: the first token is revoked at the first
 * chat request (401), the client mints one more and retries. `refresh failing`: that second mint is refused.
 */
export const vertexFamily: Family = {
  id: 'vertex',
  label: 'Vertex',
  kind: 'vertex',
  faults: [...COMMON_FAULTS, 'expired token', 'refresh failing'],
  wire: vertexWire,
  errorBody: vertexErrorBody,
  async setup({ server, chatBaseUrl, dir, fault }) {
    keyPem ??= generateKeyPair('RS256', { extractable: true }).then(({ privateKey }) => exportPKCS8(privateKey));
    const keyFile = path.join(dir, 'service-account.json');
    fs.writeFileSync(
      keyFile,
      JSON.stringify({
        type: 'service_account',
        project_id: 'faults',
        private_key_id: 'k1',
        private_key: await keyPem,
        client_email: 'faults@faults.iam.gserviceaccount.com',
        token_uri: `${chatBaseUrl}/token`,
      }),
    );
    const issued: string[] = [];
    let revoked = false;
    server.route('POST', '/token', (_request, response) => {
      if (fault === 'refresh failing' && issued.length > 0)
        return replyError(response, 400, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' });
      issued.push(`ya29.faults-${issued.length + 1}`);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ access_token: issued[issued.length - 1], expires_in: 3600, token_type: 'Bearer' }));
    });
    const slot: VertexSlot = {
      id: 'vertex',
      kind: 'vertex',
      displayName: 'Vertex AI',
      model: 'gemini-2.5-pro',
      baseUrl: chatBaseUrl,
      keyFile,
      location: 'us-central1',
      source: SOURCE,
    };
    const revokes = fault === 'expired token' || fault === 'refresh failing';
    return {
      slot,
      chat: {
        method: 'POST',
        path: '/v1/projects/faults/locations/us-central1/publishers/google/models/gemini-2.5-pro:streamGenerateContent',
      },
      credentialOf: bearerOf,
      accepts(request) {
        if (revokes && !revoked) {
          revoked = true;
          return false;
        }
        return request.headers.authorization === `Bearer ${issued[issued.length - 1]}`;
      },
      verify() {
        if (revokes)
          assert.equal(
            issued.length,
            fault === 'expired token' ? 2 : 1,
            'one token, then exactly one more mint after the 401',
          );
      },
      knownSecrets: ['ya29.faults-1', 'ya29.faults-2', ...pemSecrets(await keyPem)],
    };
  },
};
