import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { amzDate, signAwsRequest } from '../../../../src/auth/aws/sigv4';
import { bedrockModelPath } from '../../../../src/providers/bedrock/bedrockUrl';
import { describeRecorded, fixturePath } from '../../../fakes/fixtures';
import { oracleAuthorization } from './sigv4Oracle';

const SUITE_CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const SUITE_TIME = Date.UTC(2015, 7, 30, 12, 36, 0);

interface SuiteRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** A `.req` file: request line, `Name:value` headers, a blank line, the body. */
function parseRequest(text: string): SuiteRequest {
  const [head, ...rest] = text.split(/\r?\n\r?\n/);
  const [requestLine, ...headerLines] = head.split(/\r?\n/);
  const [method, path] = requestLine.split(' ');
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon)] = line.slice(colon + 1);
  }
  return { method, path, headers, body: rest.join('\n\n') };
}

describe('SigV4 signing', () => {
  it('formats the signing time as x-amz-date', () => {
    assert.equal(amzDate(SUITE_TIME), '20150830T123600Z');
  });

  describe('the AWS test suite shapes, against @smithy/signature-v4', () => {
    const credentials = { ...SUITE_CREDENTIALS };
    const shapes: Array<
      [string, { method: string; url: string; headers: Record<string, string>; body?: string; sessionToken?: string }]
    > = [
      ['get-vanilla', { method: 'GET', url: 'https://example.amazonaws.com/', headers: {} }],
      [
        'get-vanilla-query-order-key-case',
        { method: 'GET', url: 'https://example.amazonaws.com/?Param2=value2&Param1=value1', headers: {} },
      ],
      ['post-vanilla', { method: 'POST', url: 'https://example.amazonaws.com/', headers: {} }],
      [
        'post-x-www-form-urlencoded',
        {
          method: 'POST',
          url: 'https://example.amazonaws.com/',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: 'Param1=value1',
        },
      ],
      [
        'get-vanilla-with-session-token',
        {
          method: 'GET',
          url: 'https://example.amazonaws.com/',
          headers: {},
          sessionToken:
            'AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==',
        },
      ],
    ];
    for (const [name, shape] of shapes) {
      it(`${name}: the Authorization header matches the official signer's`, async () => {
        const creds = { ...credentials, ...(shape.sessionToken ? { sessionToken: shape.sessionToken } : {}) };
        const signed = await signAwsRequest({
          method: shape.method,
          url: shape.url,
          headers: shape.headers,
          body: shape.body,
          credentials: creds,
          region: 'us-east-1',
          service: 'service',
          now: SUITE_TIME,
        });
        const expected = await oracleAuthorization({
          method: shape.method,
          url: shape.url,
          headers: shape.headers,
          body: shape.body ?? '',
          credentials: creds,
          region: 'us-east-1',
          service: 'service',
          amzDate: signed['x-amz-date'],
        });
        assert.equal(signed.authorization, expected);
        if (shape.sessionToken) assert.equal(signed['x-amz-security-token'], shape.sessionToken);
      });
    }
  });

  describeRecorded('the AWS SigV4 test suite', function () {
    const cases = [
      'get-vanilla',
      'get-vanilla-query-order-key-case',
      'get-header-value-trim',
      'post-vanilla',
      'post-x-www-form-urlencoded',
      'get-vanilla-with-session-token',
      'post-sts-header-before',
    ];
    for (const name of cases) {
      it(`${name}: the Authorization header matches .authz`, async () => {
        const request = parseRequest(fs.readFileSync(fixturePath(`sigv4/${name}/${name}.req`), 'utf8'));
        const expected = fs.readFileSync(fixturePath(`sigv4/${name}/${name}.authz`), 'utf8').trim();
        const headers: Record<string, string> = {};
        let sessionToken: string | undefined;
        for (const [header, value] of Object.entries(request.headers)) {
          const lower = header.toLowerCase();
          if (lower === 'host' || lower === 'x-amz-date') continue;
          if (lower === 'x-amz-security-token') sessionToken = value;
          else headers[header] = value;
        }
        if (name === 'get-vanilla-with-session-token') {
          // botocore's case: the token is given to the signer, which adds the header (see its .creq).
          sessionToken = /x-amz-security-token:(.*)/.exec(
            fs.readFileSync(fixturePath(`sigv4/${name}/${name}.creq`), 'utf8'),
          )![1];
        }
        const signed = await signAwsRequest({
          method: request.method,
          url: `https://${request.headers.Host}${request.path}`,
          headers,
          body: request.body || undefined,
          credentials: { ...SUITE_CREDENTIALS, ...(sessionToken ? { sessionToken } : {}) },
          region: 'us-east-1',
          service: 'service',
          now: SUITE_TIME,
        });
        assert.equal(signed.authorization, expected);
        assert.equal(signed['x-amz-date'], '20150830T123600Z');
        if (sessionToken) assert.equal(signed['x-amz-security-token'], sessionToken);
        assert.equal(signed.host, undefined, 'host is left to the HTTP client');
      });
    }
  });

  describe('against @smithy/signature-v4 on Bedrock-shaped requests', () => {
    const credentials = {
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    };
    const models = [
      'anthropic.claude-3-5-sonnet-20240620-v1:0',
      'us.meta.llama3-2-90b-instruct-v1:0',
      'amazon.nova-pro-v1:0',
      'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4',
    ];
    for (const model of models) {
      for (const action of ['converse', 'converse-stream'] as const) {
        it(`${action} for ${model}`, async () => {
          const url = `https://bedrock-runtime.eu-west-3.amazonaws.com${bedrockModelPath(model, action)}`;
          const body = JSON.stringify({
            messages: [{ role: 'user', content: [{ text: 'Héllo ✓ "quoted"' }] }],
            inferenceConfig: { maxTokens: 64 },
          });
          const headers = {
            'content-type': 'application/json',
            accept: action === 'converse' ? 'application/json' : 'application/vnd.amazon.eventstream',
          };
          for (const sessionToken of [undefined, 'FwoGZXIvYXdzEBYaDHVzZXItdG9rZW4tZXhhbXBsZQ==']) {
            const creds = { ...credentials, ...(sessionToken ? { sessionToken } : {}) };
            const now = Date.UTC(2026, 10, 24, 9, 5, 7);
            const signed = await signAwsRequest({
              method: 'POST',
              url,
              headers,
              body,
              credentials: creds,
              region: 'eu-west-3',
              service: 'bedrock',
              now,
            });
            const expected = await oracleAuthorization({
              method: 'POST',
              url,
              headers,
              body,
              credentials: creds,
              region: 'eu-west-3',
              service: 'bedrock',
              amzDate: signed['x-amz-date'],
            });
            assert.equal(signed.authorization, expected);
          }
        });
      }
    }
  });
});
