import type { AnthropicContentBlock, AnthropicRequestBody } from './convertToAnthropicMessages';

/** Anthropic's prompt-cache marker: the prefix up to and including the marked block is cached (5 minutes). */
export interface AnthropicCacheControl {
  type: 'ephemeral';
}

/** The Messages API rejects a request with more `cache_control` blocks than this. */
export const ANTHROPIC_MAX_CACHE_BREAKPOINTS = 4;

const EPHEMERAL: AnthropicCacheControl = { type: 'ephemeral' };

/** Thinking blocks cannot carry a marker and empty text blocks are refused with one. */
function canCarryMarker(block: AnthropicContentBlock): boolean {
  if (block.type === 'thinking') return false;
  if (block.type === 'text') return block.text.length > 0;
  return true;
}

function markLast<T extends object>(items: T[], eligible: (item: T) => boolean): boolean {
  for (let index = items.length - 1; index >= 0; index--) {
    if (!eligible(items[index])) continue;
    items[index] = { ...items[index], cache_control: { ...EPHEMERAL } } as T;
    return true;
  }
  return false;
}

/**
 * Prompt caching as Claude Code, Cline and Roo do it. Anthropic caches the prompt prefix (tools → system →
 * messages) up to each marked block, so chat turns that resend the whole history read it at a tenth of the price.
 * Markers, at most 4 (the API's limit): the last tool definition, the last system block, and the last content
 * block of each of the last two user messages (the older one reads the previous turn's cache, the newer one
 * writes this turn's). The API ignores markers on prefixes shorter than the model's minimum, so this is always safe.
 * Returns the body with the markers; the blocks it marks are copied, never changed in place.
 */
export function addAnthropicCacheBreakpoints(body: AnthropicRequestBody): AnthropicRequestBody {
  let budget = ANTHROPIC_MAX_CACHE_BREAKPOINTS;
  const result: AnthropicRequestBody = { ...body };
  if (result.tools && result.tools.length > 0 && budget > 0) {
    const tools = [...result.tools];
    if (markLast(tools, () => true)) budget--;
    result.tools = tools;
  }
  if (result.system && result.system.length > 0 && budget > 0) {
    const system = [...result.system];
    if (markLast(system, (block) => block.text.length > 0)) budget--;
    result.system = system;
  }
  const messages = [...result.messages];
  let userTurns = 0;
  for (let index = messages.length - 1; index >= 0 && userTurns < 2 && budget > 0; index--) {
    const message = messages[index];
    if (message.role !== 'user') continue;
    userTurns++;
    const content = [...message.content];
    if (markLast(content, canCarryMarker)) {
      budget--;
      messages[index] = { ...message, content };
    }
  }
  result.messages = messages;
  return result;
}
