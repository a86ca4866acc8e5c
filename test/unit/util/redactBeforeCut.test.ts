import * as assert from 'node:assert/strict';
import { errorFromResponse, type HttpResponse } from '../../../src/util/http';
import { Redactor, cutText, withoutSecrets } from '../../../src/util/redact';

const KEY = 'Q7w9Z3k5P1m8R2t6X4c0V';

/** A response whose body is `body` (what errorFromResponse reads). */
function answer(status: number, body: string): HttpResponse {
  return {
    status,
    headers: { get: () => null },
    body: (async function* () {})(),
    text: async () => body,
    json: async () => JSON.parse(body),
    close: () => undefined,
  };
}

/** Every run of 5 or more characters of `secret` found in `text`. */
function piecesOf(secret: string, text: string): string[] {
  const found: string[] = [];
  for (let start = 0; start + 5 <= secret.length; start++)
    if (text.includes(secret.slice(start, start + 5))) found.push(secret.slice(start, start + 5));
  return found;
}

describe('redaction comes before any cut', () => {
  it('a key echoed where an error message is cut leaves none of its characters, wherever the cut falls', async () => {
    for (let shift = 0; shift <= KEY.length; shift++) {
      // The plain-text message is cut at 300 characters; the JSON message at 500.
      const plain = `${'e'.repeat(300 - shift)} ${KEY} trailing words`;
      const json = JSON.stringify({
        error: { message: `${'e'.repeat(500 - shift)} ${KEY} trailing`, type: 'invalid_request_error' },
      });
      for (const body of [plain, json]) {
        const error = withoutSecrets(await errorFromResponse(answer(400, body), 'slot'), [KEY]);
        assert.deepEqual(piecesOf(KEY, error.message), [], `shift ${shift}: ${error.message.slice(-60)}`);
      }
    }
  });

  it('cutText cuts before the word the limit falls in, and marks the cut', () => {
    assert.equal(cutText('alpha beta gamma', 8), 'alpha…');
    assert.equal(cutText('alpha beta gamma', 10), 'alpha beta…');
    assert.equal(cutText('short', 10), 'short');
    assert.equal(cutText('x'.repeat(20), 10), '…');
  });

  it('knows the URL-encoded and base64 forms of a secret, also inside a Basic credential', () => {
    const secret = 'pa ss/wo+rd=8812&z';
    const redactor = new Redactor();
    redactor.add(secret);
    const basic = Buffer.from(`someone:${secret}`).toString('base64');
    const texts = [
      `url ${encodeURIComponent(secret)} end`,
      `form ${encodeURIComponent(secret).replace(/%20/g, '+')} end`,
      `b64 ${Buffer.from(secret).toString('base64')} end`,
      `b64url ${Buffer.from(secret).toString('base64url')} end`,
      `echo: ${basic} end`,
      `echo: ${Buffer.from(`u:${secret}`).toString('base64')} ${Buffer.from(`us:${secret}`).toString('base64')}`,
    ];
    for (const text of texts) {
      const redacted = redactor.redact(text);
      assert.match(redacted, /‹redacted›/, text);
      for (const form of [
        encodeURIComponent(secret),
        Buffer.from(secret).toString('base64').slice(0, 12),
        basic.slice(12, 24),
      ]) {
        assert.ok(!redacted.includes(form), `${form} in ${redacted}`);
      }
    }
  });
});
