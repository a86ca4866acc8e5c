import * as assert from 'node:assert/strict';
import { convertChatHistory, pinnedSlotOf } from '../../../../src/host/participant/chatHistory';

// Shapes of vscode.ChatRequestTurn / ChatResponseTurn (markdown parts carry a MarkdownString in `value`).
const ask = (prompt: string, command?: string, participant = 'skynet.skynet') => ({
  prompt,
  command,
  participant,
  references: [],
  toolReferences: [],
});
const reply = (
  parts: string[],
  metadata: Record<string, unknown> = {},
  command?: string,
  participant = 'skynet.skynet',
) => ({
  response: parts.map((value) => ({ value: { value } })),
  result: { metadata },
  participant,
  command,
});

describe('convertChatHistory', () => {
  it('turns earlier turns into user and assistant messages, without our footer', () => {
    const footer = '\n\n*Anthropic rate limited · answered by Groq*';
    const history = [ask('What is TOML?'), reply(['TOML is ', 'a config format.', footer], { footer })];
    assert.deepEqual(convertChatHistory(history as never, 'skynet.skynet'), [
      { role: 'user', content: [{ type: 'text', text: 'What is TOML?' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'TOML is a config format.' }] },
    ]);
  });

  it('removes a footer the workbench merged into the last part', () => {
    const footer = '\n\n*answered by Groq*';
    const history = [ask('q'), reply([`answer${footer}`], { footer })];
    assert.deepEqual(convertChatHistory(history as never, 'skynet.skynet')[1].content, [
      { type: 'text', text: 'answer' },
    ]);
  });

  it('leaves out failed exchanges: a mid-stream failure, an error shown with its buttons, an error box', () => {
    const history = [
      ask('first'),
      reply(['partial ans'], { failedSlot: 'groq', prompt: 'first' }),
      ask('second'),
      { ...reply(['Every slot failed']), result: { errorDetails: { message: 'Every slot failed' }, metadata: {} } },
      ask('again'),
      reply(['$(error) Every slot failed'], { failed: true, prompt: 'again' }),
      ask('third'),
      reply(['fine']),
    ];
    assert.deepEqual(
      convertChatHistory(history as never, 'skynet.skynet').map((message) => message.content[0]),
      [
        { type: 'text', text: 'third' },
        { type: 'text', text: 'fine' },
      ],
    );
  });

  it('leaves out /status and /use turns and other participants', () => {
    const history = [
      ask('', 'status'),
      reply(['slots…'], {}, 'status'),
      ask('hi', undefined, 'other.bot'),
      reply(['hello'], {}, undefined, 'other.bot'),
    ];
    assert.deepEqual(convertChatHistory(history as never, 'skynet.skynet'), []);
  });
});

describe('pinnedSlotOf', () => {
  it('finds the latest pin, and `/use auto` (empty pin) clears it', () => {
    assert.equal(pinnedSlotOf([ask('groq', 'use'), reply(['ok'], { pinnedSlot: 'groq' })] as never), 'groq');
    assert.equal(
      pinnedSlotOf([reply(['ok'], { pinnedSlot: 'groq' }), reply(['ok'], { pinnedSlot: '' })] as never),
      undefined,
    );
    assert.equal(pinnedSlotOf([reply(['plain answer'], {})] as never), undefined);
  });
});
