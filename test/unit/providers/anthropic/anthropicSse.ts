import { readChunks } from '../../../fakes/fixtures';
import { sseFromPayloads } from '../../../fakes/wire';

/** A recording as Anthropic sends it: `event: <type>` + `data: <json>` per event, no `[DONE]`. */
export function recordedAnthropicSse(fixture: string, options: { crlf?: boolean } = {}): string {
  return sseFromPayloads(readChunks(fixture), { eventNames: true, done: false, crlf: options.crlf });
}

/** An SSE text from hand-written payloads, in Anthropic's framing. */
export function anthropicSseOf(payloads: unknown[], options: { crlf?: boolean } = {}): string {
  return sseFromPayloads(
    payloads.map((payload) => JSON.stringify(payload)),
    { eventNames: true, done: false, crlf: options.crlf },
  );
}

/** Hand-written expectations for each recording in fixtures/anthropic, read off the files. */
export const expectedAnthropicEvents: Record<string, unknown[]> = {
  'anthropic/anthropic-text.chunks.txt': [
    { type: 'text-delta', text: 'Hello' },
    { type: 'text-delta', text: '! I' },
    { type: 'text-delta', text: "'m doing well, thank you for asking" },
    { type: 'text-delta', text: '. How are you doing today?' },
    { type: 'text-delta', text: ' Is' },
    { type: 'text-delta', text: ' there anything I can help you with?' },
    { type: 'usage', inputTokens: 12, outputTokens: 30, totalTokens: 42 },
    { type: 'finish', reason: 'stop', rawReason: 'end_turn' },
  ],
  'anthropic/anthropic-clear-thinking.1.chunks.txt': [
    { type: 'reasoning-delta', text: 'The previous' },
    { type: 'reasoning-delta', text: ' result' },
    { type: 'reasoning-delta', text: ' was' },
    { type: 'reasoning-delta', text: ' 925.' },
    { type: 'reasoning-delta', text: ' Now' },
    { type: 'reasoning-delta', text: ' I need to divide that' },
    { type: 'reasoning-delta', text: ' by 5.\n\n925' },
    { type: 'reasoning-delta', text: ' ÷ 5 ' },
    { type: 'reasoning-delta', text: '= 185' },
    {
      type: 'reasoning-delta',
      text: '',
      signature:
        'EvQBCkYICxgCKkAxhD4NUKFzudtZ6NzbZdEiBACIScTzqjPViM596iWLZIk4EFKYYBj3B6Ptl3b0dcQv/VeJBNbejNWIWRBn+KPNEgz6HWtKx7p+QRgKsEoaDGjsiqfht7gTRFYHiyIwD1VSmNqHxv3wy8KEMP+LYb/TC4UH3H97tuoaADARFFcA0phdfxnzKQxFnc9lwY+dKlzUsaKSUAFeu1bDL5ikZJ1vL0Fkz6JjoFke0L/wOJRIUDUlDUOFJ1tZ3ea7g6LGE/5hwuvWgLwewdcm64d+43l7F57XrOmqNd6flI2K/oPr/4yzNgvi/EhT6Ca17BgB',
    },
    { type: 'text-delta', text: '925' },
    { type: 'text-delta', text: ' ÷ 5 ' },
    { type: 'text-delta', text: '= 185' },
    { type: 'usage', inputTokens: 69, outputTokens: 53, totalTokens: 122 },
    { type: 'finish', reason: 'stop', rawReason: 'end_turn' },
  ],
  'anthropic/anthropic-json-tool.1.chunks.txt': [
    {
      type: 'tool-call',
      id: 'toolu_01KFbKqPYSuAKujiL6mTfzYA',
      name: 'json',
      arguments: { elements: [{ location: 'San Francisco', temperature: 58, condition: 'sunny' }] },
    },
    { type: 'usage', inputTokens: 849, outputTokens: 47, totalTokens: 896 },
    { type: 'finish', reason: 'tool-calls', rawReason: 'tool_use' },
  ],
  'anthropic/anthropic-tool-no-args.chunks.txt': [
    { type: 'text-delta', text: "I'll update the issue list for" },
    { type: 'text-delta', text: ' you.' },
    { type: 'tool-call', id: 'toolu_01QE1WLsSVp5hy5Q3GmGTmjP', name: 'updateIssueList', arguments: {} },
    { type: 'usage', inputTokens: 565, outputTokens: 48, totalTokens: 613 },
    { type: 'finish', reason: 'tool-calls', rawReason: 'tool_use' },
  ],
};
