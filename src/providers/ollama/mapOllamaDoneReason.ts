import type { FinishReason } from '../types';

/**
 * Ollama's `done_reason`. Ollama says `stop` even when the model called tools, so a turn with tool calls
 * finishes as `tool-calls`. `load`/`unload` answer model (un)loading requests: no content, `other`.
 */
export function mapOllamaDoneReason(reason: string | undefined, sawToolCalls: boolean): FinishReason {
  if (sawToolCalls && (reason === 'stop' || reason === undefined)) return 'tool-calls';
  switch (reason) {
    case 'stop':
      return 'stop';
    case 'length':
      return 'length';
    default:
      return 'other';
  }
}
