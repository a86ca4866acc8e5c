import * as assert from 'node:assert/strict';
import { ToolCallAssembler } from '../../../src/providers/openaiCompatible/assembleToolCalls';
import { convertToGeminiRequest } from '../../../src/providers/gemini/convertToGeminiRequest';
import { parseAnthropicStream } from '../../../src/providers/anthropic/anthropicStream';
import { parseResponsesStream } from '../../../src/providers/openaiResponses/responsesStream';
import { ProviderError } from '../../../src/util/errors';
import { createHttpClient, errorFromResponse } from '../../../src/util/http';
import { MAX_ERROR_BODY_BYTES, MAX_TOOL_ARGUMENT_CHARS, MAX_TOOL_CALLS } from '../../../src/util/limits';
import { readLines, readSse, readSseBatches } from '../../../src/util/sse';
import { startFakeServer, type FakeServer } from '../../fakes/fakeServer';

/** Set when a test ends (passed or timed out): a reader still running stops at its next read instead of running on. */
let testOver = false;
beforeEach(() => (testOver = false));
afterEach(() => (testOver = true));

/** `total` bytes of `fill`, then `tail`, handed on in reads of `size` bytes (the shape a slow server produces). */
async function* inReads(total: number, size: number, fill: string, head = '', tail = ''): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  if (head) yield encoder.encode(head);
  const piece = encoder.encode(fill.repeat(Math.ceil(size / fill.length)).slice(0, size));
  for (let sent = 0, reads = 0; sent < total; sent += size, reads++) {
    // A macrotask now and then, as a socket gives: mocha's timeout can then stop a reader that is too slow.
    if (reads % 256 === 0) await new Promise((resolve) => setImmediate(resolve));
    if (testOver) throw new Error('the test is over');
    yield sent + size <= total ? piece : piece.subarray(0, total - sent);
  }
  if (tail) yield encoder.encode(tail);
}

async function drain<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function rejection(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ProviderError, `expected a ProviderError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a ProviderError');
}

describe('bounded readers', () => {
  // A reader that searches (or copies) everything buffered on every read needs about 12 MB × 24 000 reads / 2 of
  // work here: hours. A linear one needs a fraction of a second, well inside mocha's timeout.
  const LONG = 12 * 1024 * 1024;
  const READ = 512;

  it('readLines finds a 12 MB line given in 512-byte reads (linear, not quadratic)', async () => {
    const lines = await drain(readLines(inReads(LONG, READ, 'abcdefgh', '{"a":1}\n', '\r\n{"b":2}'), 'p'));
    assert.equal(lines.length, 3);
    assert.equal(lines[0], '{"a":1}');
    assert.equal(lines[1].length, LONG);
    assert.equal(lines[2], '{"b":2}');
  });

  it('readSse finds a 12 MB event given in 512-byte reads', async () => {
    const events = await drain(readSse(inReads(LONG, READ, 'abcdefgh', 'data: ', '\n\ndata: next\n\n'), 'p'));
    assert.deepEqual(
      events.map((event) => event.data.length),
      [LONG, 4],
    );
  });

  it('a line or an event past the limit is an invalid-response error that names the limit', async () => {
    const line = await rejection(drain(readLines(inReads(5000, 100, 'x'), 'slot-a', 4096)));
    assert.equal(line.kind, 'invalid-response');
    assert.equal(line.code, 'RESPONSE_TOO_LARGE');
    assert.equal(line.slot, 'slot-a');
    assert.match(line.message, /4 KiB/);
    const unterminated = await rejection(drain(readSseBatches(inReads(5000, 100, 'x', 'data: '), 'slot-b', 4096)));
    assert.equal(unterminated.code, 'RESPONSE_TOO_LARGE');
    assert.equal(unterminated.failsOver, true);
    // Many short `data:` lines make one long event just the same.
    const manyLines = await rejection(drain(readSseBatches(inReads(6000, 60, 'data: 0123456789\n'), 'slot-c', 4096)));
    assert.equal(manyLines.code, 'RESPONSE_TOO_LARGE');
  });

  it('lines and events just under the limit pass', async () => {
    assert.equal((await drain(readLines(inReads(4096, 100, 'x', '', '\n'), 'p', 4096)))[0].length, 4096);
    assert.equal((await drain(readSse(inReads(4000, 100, 'x', 'data: ', '\n\n'), 'p', 4096)))[0].data.length, 4000);
  });
});

/** Until the response can take more, or is gone; no listener stays behind. */
function drained(res: import('node:http').ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done).off('close', done);
      resolve();
    };
    res.on('drain', done).on('close', done);
  });
}

describe('bounded response bodies', () => {
  let server: FakeServer;
  const http = createHttpClient();
  beforeEach(async () => (server = await startFakeServer()));
  afterEach(async () => server.close());
  after(() => http.close());

  const bigBody =
    (bytes: number, declare: boolean) => async (_req: unknown, res: import('node:http').ServerResponse) => {
      res.writeHead(
        500,
        declare ? { 'content-length': String(bytes), 'content-type': 'text/plain' } : { 'content-type': 'text/plain' },
      );
      const piece = Buffer.alloc(64 * 1024, 'e');
      for (let sent = 0; sent < bytes && !res.destroyed; sent += piece.length) {
        if (!res.write(piece.subarray(0, Math.min(piece.length, bytes - sent)))) await drained(res);
      }
      res.end();
    };

  it('text() past its limit throws RESPONSE_TOO_LARGE, whether the length is declared or not', async () => {
    for (const declare of [true, false]) {
      server.route('GET', '/big', bigBody(300_000, declare));
      const response = await http.request({ method: 'GET', url: `${server.url}/big`, provider: 'p' });
      const error = await rejection(response.text({ maxBytes: 100_000 }));
      assert.equal(error.code, 'RESPONSE_TOO_LARGE');
      assert.equal(error.kind, 'invalid-response');
      assert.doesNotMatch(error.message, /eeee/);
    }
  });

  it('an error body is read only as far as it is shown: 64 KiB of a 20 MB body', async () => {
    server.route('GET', '/err', bigBody(20 * 1024 * 1024, false));
    const response = await http.request({ method: 'GET', url: `${server.url}/err`, provider: 'p' });
    const error = await errorFromResponse(response, 'p');
    assert.equal(error.kind, 'server');
    assert.equal(error.status, 500);
    assert.ok(error.message.length < MAX_ERROR_BODY_BYTES, `message of ${error.message.length} characters`);
  });
});

describe('tool-call budgets', () => {
  it('fragments keyed by id (Mistral) find their call, 1000 calls × 50 fragments each, interleaved', () => {
    const assembler = new ToolCallAssembler('p');
    for (let call = 0; call < 1000; call++)
      assembler.add({ id: `call_${call}`, function: { name: 'f', arguments: '' } });
    for (let round = 0; round < 50; round++) {
      for (let call = 0; call < 1000; call++)
        assembler.add({
          id: `call_${call}`,
          function: { arguments: round === 0 ? '{"n":"' : round === 49 ? '"}' : 'x' },
        });
    }
    const calls = assembler.finish();
    assert.equal(calls.length, 1000);
    assert.equal(calls[999].id, 'call_999');
    assert.equal((calls[999].arguments as { n: string }).n.length, 48);
  });

  it(`more than ${MAX_TOOL_CALLS} calls, or arguments past ${MAX_TOOL_ARGUMENT_CHARS} characters, are invalid-response errors`, () => {
    const many = new ToolCallAssembler('p');
    const tooMany = assert.throws(
      () => {
        for (let index = 0; index <= MAX_TOOL_CALLS; index++)
          many.add({ index, id: `c${index}`, function: { name: 'f', arguments: '{}' } });
      },
      (error: unknown) =>
        error instanceof ProviderError && error.code === 'TOO_MANY_TOOL_CALLS' && error.kind === 'invalid-response',
    );
    assert.equal(tooMany, undefined);
    const long = new ToolCallAssembler('p');
    long.add({ index: 0, id: 'c', function: { name: 'big', arguments: '{"a":"' } });
    const piece = 'y'.repeat(1024 * 1024);
    assert.throws(
      () => {
        for (let i = 0; i < 9; i++) long.add({ index: 0, function: { arguments: piece } });
      },
      (error: unknown) =>
        error instanceof ProviderError && error.code === 'RESPONSE_TOO_LARGE' && /"big"/.test(error.message),
    );
  });

  it('the Anthropic and Responses parsers count calls against the same budget', async () => {
    async function* anthropicCalls(): AsyncGenerator<Array<{ event?: string; data: string }>> {
      const start = (index: number) => ({
        event: 'content_block_start',
        data: JSON.stringify({
          type: 'content_block_start',
          index,
          content_block: { type: 'tool_use', id: `t${index}`, name: 'f', input: {} },
        }),
      });
      yield [{ event: 'message_start', data: JSON.stringify({ type: 'message_start', message: { usage: {} } }) }];
      yield Array.from({ length: MAX_TOOL_CALLS + 1 }, (_, index) => start(index));
    }
    const anthropic = await rejection(drain(parseAnthropicStream(anthropicCalls(), 'claude')));
    assert.equal(anthropic.code, 'TOO_MANY_TOOL_CALLS');
    async function* responsesDeltas(): AsyncGenerator<Array<{ event?: string; data: string }>> {
      yield Array.from({ length: MAX_TOOL_CALLS + 1 }, (_, index) => ({
        data: JSON.stringify({ type: 'response.function_call_arguments.delta', output_index: index, delta: '{' }),
      }));
    }
    const responses = await rejection(drain(parseResponsesStream(responsesDeltas(), 'gpt')));
    assert.equal(responses.code, 'TOO_MANY_TOOL_CALLS');
  });
});

describe('deeply nested tool arguments', () => {
  const nested = (depth: number): string => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

  it('arguments nested 100 000 levels deep are a clear invalid-response error, not a stack overflow', async () => {
    const assembler = new ToolCallAssembler('p');
    assembler.add({ index: 0, id: 'c', function: { name: 'deep', arguments: nested(100_000) } });
    assert.throws(
      () => assembler.finish(),
      (error: unknown) =>
        error instanceof ProviderError &&
        error.code === 'ARGUMENTS_TOO_DEEP' &&
        /"deep".*128 levels/.test(error.message),
    );
    async function* anthropicDeep(): AsyncGenerator<Array<{ event?: string; data: string }>> {
      yield [
        { data: JSON.stringify({ type: 'message_start', message: { usage: {} } }) },
        {
          data: JSON.stringify({
            type: 'content_block_start',
            index: 0,
            content_block: { type: 'tool_use', id: 't', name: 'deep', input: {} },
          }),
        },
        {
          data: JSON.stringify({
            type: 'content_block_delta',
            index: 0,
            delta: { type: 'input_json_delta', partial_json: nested(100_000) },
          }),
        },
        { data: JSON.stringify({ type: 'content_block_stop', index: 0 }) },
      ];
    }
    const error = await rejection(drain(parseAnthropicStream(anthropicDeep(), 'claude')));
    assert.equal(error.code, 'ARGUMENTS_TOO_DEEP');
  });

  it('arguments 128 levels deep pass', () => {
    const assembler = new ToolCallAssembler('p');
    assembler.add({ index: 0, id: 'c', function: { name: 'ok', arguments: nested(127) } });
    assert.equal(assembler.finish().length, 1);
  });

  it('a tool schema nested too deep for Gemini is named, not a stack overflow', () => {
    let schema: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 100_000; i++) schema = { type: 'object', properties: { x: schema } };
    assert.throws(
      () =>
        convertToGeminiRequest({
          messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
          tools: [{ name: 'deep', inputSchema: schema }],
        }),
      /tool "deep" nests deeper than the 128 levels/,
    );
  });
});
