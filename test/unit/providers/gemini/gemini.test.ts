import * as assert from 'node:assert/strict';
import type { ChatEvent } from '../../../../src/providers/types';
import { convertToGeminiRequest, convertToGeminiSchema } from '../../../../src/providers/gemini/convertToGeminiRequest';
import { GeminiArgsBuilder, parseJsonPath } from '../../../../src/providers/gemini/geminiPartialArgs';
import { parseGeminiStream } from '../../../../src/providers/gemini/geminiStream';
import { mapGeminiFinishReason } from '../../../../src/providers/gemini/mapGeminiFinishReason';
import { ProviderError } from '../../../../src/util/errors';

async function parse(chunks: unknown[]): Promise<ChatEvent[]> {
  const events: ChatEvent[] = [];
  const source = (async function* () {
    for (const chunk of chunks) yield [{ data: JSON.stringify(chunk) }];
  })();
  for await (const event of parseGeminiStream(source, 'vertex')) events.push(event);
  return events;
}

describe('Gemini conversion and stream parsing', () => {
  it('thought parts are reasoning, other text is text; SAFETY is content-filter', async () => {
    const events = await parse([
      { candidates: [{ content: { role: 'model', parts: [{ text: 'Let me think', thought: true }] } }] },
      {
        candidates: [{ content: { role: 'model', parts: [{ text: 'Answer' }] }, finishReason: 'SAFETY' }],
        usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 1, thoughtsTokenCount: 2, totalTokenCount: 6 },
      },
    ]);
    assert.deepEqual(events, [
      { type: 'reasoning-delta', text: 'Let me think' },
      { type: 'text-delta', text: 'Answer' },
      { type: 'usage', inputTokens: 3, outputTokens: 3, reasoningTokens: 2, totalTokens: 6 },
      { type: 'finish', reason: 'content-filter', rawReason: 'SAFETY' },
    ]);
  });

  it('maps every documented finishReason', () => {
    const mapped = [
      'STOP',
      'MAX_TOKENS',
      'SAFETY',
      'RECITATION',
      'BLOCKLIST',
      'PROHIBITED_CONTENT',
      'SPII',
      'MALFORMED_FUNCTION_CALL',
      'OTHER',
    ].map((reason) => mapGeminiFinishReason(reason, false));
    assert.deepEqual(mapped, [
      'stop',
      'length',
      'content-filter',
      'content-filter',
      'content-filter',
      'content-filter',
      'content-filter',
      'error',
      'other',
    ]);
    assert.equal(mapGeminiFinishReason('STOP', true), 'tool-calls');
  });

  it('two whole calls in one chunk get distinct ids; streamed numbers, booleans and nulls are set', async () => {
    const events = await parse([
      {
        candidates: [
          {
            content: {
              parts: [{ functionCall: { name: 'a', args: { x: 1 } } }, { functionCall: { name: 'b', args: {} } }],
            },
          },
        ],
      },
      { candidates: [{ content: { parts: [{ functionCall: { name: 'c', willContinue: true } }] } }] },
      {
        candidates: [
          {
            content: {
              parts: [
                {
                  functionCall: {
                    partialArgs: [
                      { jsonPath: '$.n', numberValue: 2.5 },
                      { jsonPath: "$['odd key'][0]", boolValue: true },
                      { jsonPath: '$.none', nullValue: null },
                    ],
                    willContinue: true,
                  },
                },
              ],
            },
          },
        ],
      },
      { candidates: [{ content: { parts: [{ functionCall: {} }] }, finishReason: 'STOP' }] },
    ]);
    const calls = events.filter(
      (event): event is Extract<ChatEvent, { type: 'tool-call' }> => event.type === 'tool-call',
    );
    assert.deepEqual(
      calls.map((call) => [call.name, call.arguments]),
      [
        ['a', { x: 1 }],
        ['b', {}],
        ['c', { n: 2.5, 'odd key': [true], none: null }],
      ],
    );
    assert.equal(new Set(calls.map((call) => call.id)).size, 3);
  });

  it('a blocked prompt (promptFeedback, no candidates) finishes as content-filter', async () => {
    const events = await parse([
      {
        promptFeedback: { blockReason: 'PROHIBITED_CONTENT' },
        usageMetadata: { promptTokenCount: 5, totalTokenCount: 5 },
      },
    ]);
    assert.deepEqual(events[events.length - 1], { type: 'finish', reason: 'content-filter', rawReason: 'SAFETY' });
  });

  it('an unreadable argument path is invalid-response, not garbage', async () => {
    await assert.rejects(
      parse([
        { candidates: [{ content: { parts: [{ functionCall: { name: 'c', willContinue: true } }] } }] },
        {
          candidates: [
            {
              content: {
                parts: [
                  { functionCall: { partialArgs: [{ jsonPath: 'recipe..x', stringValue: 'y' }], willContinue: true } },
                ],
              },
            },
          ],
        },
      ]),
      (error: unknown) => error instanceof ProviderError && error.kind === 'invalid-response',
    );
  });

  it('type-confused chunks end in events or a typed error, never a TypeError or a polluted prototype', async () => {
    const confused: unknown[] = [
      null,
      42,
      'text',
      [],
      { candidates: null },
      { candidates: [null] },
      { candidates: [{ content: { parts: 'x' } }] },
      { candidates: [{ content: { parts: [null, 7, { text: 5, thought: 'yes', thoughtSignature: 9 }] } }] },
      { candidates: [{ content: { parts: [{ functionCall: { name: 5, args: [1], partialArgs: 'no' } }] } }] },
      { candidates: [{ content: { parts: [{ functionCall: { name: 'f', willContinue: true } }] } }] },
      {
        candidates: [
          { content: { parts: [{ functionCall: { partialArgs: [null, { jsonPath: 3 }], willContinue: true } }] } },
        ],
      },
      {
        candidates: [
          {
            content: {
              parts: [
                {
                  functionCall: {
                    name: 'g',
                    partialArgs: [{ jsonPath: { toString: 1, valueOf: 1 } }],
                    willContinue: true,
                  },
                },
              ],
            },
          },
        ],
      },
      {
        candidates: [
          {
            content: {
              parts: [{ functionCall: { partialArgs: [{ jsonPath: '$.__proto__.polluted', stringValue: 'yes' }] } }],
            },
          },
        ],
      },
      { usageMetadata: { promptTokenCount: '3', totalTokenCount: null } },
      { error: 'plain string error' },
      { error: { code: 'x', status: 7, message: {}, details: { retryDelay: 1 } } },
      { candidates: [{ finishReason: 5 }] },
    ];
    for (const chunk of confused) {
      try {
        await parse([chunk, { candidates: [{ content: { parts: [{ text: 'ok' }] }, finishReason: 'STOP' }] }]);
      } catch (error) {
        assert.ok(error instanceof ProviderError, `${JSON.stringify(chunk)} threw ${String(error)}`);
      }
    }
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('parses JSON paths and appends string fragments', () => {
    assert.deepEqual(parseJsonPath('$.a.b[0]["c d"]'), ['a', 'b', 0, 'c d']);
    assert.equal(parseJsonPath('a.b'), undefined);
    const builder = new GeminiArgsBuilder();
    builder.apply({ jsonPath: '$.s[0].t', stringValue: 'Hel' });
    builder.apply({ jsonPath: '$.s[0].t', stringValue: 'lo' });
    assert.deepEqual(builder.args, { s: [{ t: 'Hello' }] });
  });

  it('request: same-role turns merge, a tool error becomes {error}, tool choices map, schemas lose $schema/additionalProperties', () => {
    const body = convertToGeminiRequest(
      {
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'a' }] },
          { role: 'user', content: [{ type: 'text', text: 'b' }] },
          {
            role: 'assistant',
            content: [
              { type: 'text', text: 'c' },
              { type: 'reasoning', text: '', signature: 'S' },
            ],
          },
          {
            role: 'tool',
            content: [{ type: 'tool-result', toolCallId: 'x', toolName: 'f', content: 'bad', isError: true }],
          },
        ],
        tools: [
          {
            name: 'f',
            inputSchema: {
              type: 'object',
              additionalProperties: false,
              properties: { default: { type: 'string', default: 'x' } },
            },
          },
        ],
        toolChoice: { name: 'f' },
      },
      'gemini-2.0-flash',
    );
    assert.deepEqual(body.contents, [
      { role: 'user', parts: [{ text: 'a' }, { text: 'b' }] },
      { role: 'model', parts: [{ text: 'c' }, { text: '', thoughtSignature: 'S' }] },
      { role: 'user', parts: [{ functionResponse: { name: 'f', response: { error: 'bad' } } }] },
    ]);
    assert.deepEqual(body.toolConfig, { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['f'] } });
    assert.deepEqual(body.tools?.[0].functionDeclarations[0].parameters, {
      type: 'object',
      properties: { default: { type: 'string' } },
    });
    assert.equal(body.generationConfig, undefined, 'gemini-2.0 gets no thinkingConfig');
    assert.deepEqual(convertToGeminiSchema({ $schema: 'x', anyOf: [{ type: 'string', additionalProperties: true }] }), {
      anyOf: [{ type: 'string' }],
    });
    assert.deepEqual(
      convertToGeminiRequest({ messages: [], tools: [{ name: 'f', inputSchema: {} }], toolChoice: 'none' }).toolConfig,
      { functionCallingConfig: { mode: 'NONE' } },
    );
  });
});
