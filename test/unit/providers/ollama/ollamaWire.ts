import type { ServerResponse } from 'node:http';
import type { OllamaSlot } from '../../../../src/config/types';
import { writeInPieces, type WriteOptions } from '../../../fakes/wire';

/** NDJSON text, one object a line (CRLF when asked). */
export function ndjson(objects: unknown[], options: { crlf?: boolean } = {}): string {
  return (
    objects.map((object) => JSON.stringify(object)).join(options.crlf ? '\r\n' : '\n') + (options.crlf ? '\r\n' : '\n')
  );
}

export async function replayNdjson(response: ServerResponse, text: string, options: WriteOptions = {}): Promise<void> {
  response.writeHead(200, { 'content-type': 'application/x-ndjson' });
  response.flushHeaders();
  await writeInPieces(response, Buffer.from(text, 'utf8'), options);
}

const at = (n: number) => `2025-10-26T17:15:24.${String(100000 + n)}Z`;
const chunk = (n: number, message: Record<string, unknown>) => ({
  model: 'qwen3',
  created_at: at(n),
  message: { role: 'assistant', content: '', ...message },
  done: false,
});
const done = (n: number, reason: string, extra: Record<string, unknown> = {}) => ({
  model: 'qwen3',
  created_at: at(n),
  message: { role: 'assistant', content: '' },
  done: true,
  done_reason: reason,
  total_duration: 4883583458,
  load_duration: 1334875,
  prompt_eval_count: 26,
  prompt_eval_duration: 342546000,
  eval_count: 282,
  eval_duration: 4535599000,
  ...extra,
});

/** `/api/chat` streams written by hand after ollama's docs/api.md ("Chat request (streaming)", thinking, tools). */
export const chatStreams = {
  text: [
    chunk(1, { content: 'The' }),
    chunk(2, { content: ' sky is' }),
    chunk(3, { content: ' blue ☀️' }),
    done(4, 'stop'),
  ],
  thinking: [
    chunk(1, { thinking: 'The user wants' }),
    chunk(2, { thinking: ' a number.' }),
    chunk(3, { content: '42' }),
    done(4, 'stop'),
  ],
  tools: [
    chunk(1, { tool_calls: [{ function: { name: 'get_weather', arguments: { city: 'Tokyo', days: 2 } } }] }),
    chunk(2, { tool_calls: [{ function: { name: 'get_time', arguments: {} } }] }),
    done(3, 'stop'),
  ],
  length: [chunk(1, { content: 'Once upon' }), done(2, 'length')],
};

export function ollamaSlot(baseUrl: string): OllamaSlot {
  return {
    id: 'ollama',
    kind: 'ollama',
    displayName: 'Ollama',
    model: 'qwen3',
    baseUrl,
    source: { file: 'skynet.toml', line: 1, column: 1 },
  };
}
