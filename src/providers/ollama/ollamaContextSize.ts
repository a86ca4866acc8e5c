import { isObject } from '../jsonValues';

/**
 * Ollama cuts a prompt longer than its context silently (the front is dropped) and the server default is small:
 * 4096 tokens (docs.ollama.com/faq "How can I specify the context window size?"; continuedev/continue
 * core/llm/llms/Ollama.ts and RooCodeInc/Roo-Code native-ollama.ts send `options.num_ctx`). Checked 2026-12-05.
 */
export const OLLAMA_DEFAULT_CONTEXT = 4096;
/** Room kept for the answer when the request sets no `maxTokens`. */
const ANSWER_RESERVE = 2048;

/**
 * The `num_ctx` a request needs: undefined while the server default holds prompt and answer; else the next power
 * of two (from 8192) that does, so similar requests share one size and Ollama does not reload the model for each;
 * never more than the model's own context when known.
 */
export function ollamaContextSize(
  promptTokens: number,
  answerTokens: number | undefined,
  modelContext: number | undefined,
): number | undefined {
  const needed = promptTokens + (answerTokens ?? ANSWER_RESERVE);
  if (needed <= OLLAMA_DEFAULT_CONTEXT) return undefined;
  let size = 8192;
  while (size < needed) size *= 2;
  return modelContext !== undefined ? Math.min(size, modelContext) : size;
}

/** The model's context length from `POST /api/show`: `model_info["<architecture>.context_length"]`. */
export function contextLengthOfShow(body: unknown): number | undefined {
  if (!isObject(body) || !isObject(body.model_info)) return undefined;
  for (const [key, value] of Object.entries(body.model_info)) {
    if (key.endsWith('.context_length') && typeof value === 'number' && Number.isSafeInteger(value) && value > 0)
      return value;
  }
  return undefined;
}
