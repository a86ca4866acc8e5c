import type { BedrockConverseBody } from './convertToBedrockMessages';

/** Converse's prompt-cache checkpoint: the prefix up to it is cached (5 minutes). */
export interface BedrockCachePoint {
  cachePoint: { type: 'default' };
}

/** Converse rejects a request with more checkpoints than this (Claude and Nova alike). */
export const BEDROCK_MAX_CACHE_POINTS = 4;

/**
 * Claude generations Bedrock does not cache. Bedrock refuses a request with a checkpoint for such a model
 * ("You invoked an unsupported model, or your request did not allow prompt caching"), so these get none:
 * Claude 2 / Instant, the first Claude 3 models, Claude 3.5 Sonnet v1, and 3.5 Sonnet v2 (cached only for
 * accounts admitted to the preview).
 */
const UNCACHED_CLAUDE = /claude-(?:v2|instant|2|3-(?:opus|sonnet|haiku)|3-5-sonnet-20240620|3-5-sonnet-20241022)/i;

/** The Nova models AWS documents as caching (checkpoints in `system` and `messages`; never in `tools`). */
const CACHED_NOVA = /amazon\.nova-(?:micro|lite|pro|premier)-/i;

/** Where a model takes checkpoints, or undefined when it takes none. */
export function bedrockCachePointFields(model: string): { tools: boolean } | undefined {
  if (CACHED_NOVA.test(model)) return { tools: false };
  if (/anthropic\.|claude/i.test(model) && !UNCACHED_CLAUDE.test(model)) return { tools: true };
  return undefined;
}

const cachePoint = (): BedrockCachePoint => ({ cachePoint: { type: 'default' } });

/**
 * Prompt caching on Converse, the Bedrock form of the Messages API's `cache_control`: a `cachePoint` block
 * after the system prompt, after the tool definitions (Claude only) and after the content of each of the last
 * two user messages; never more than 4. Models that do not cache get the body back unchanged.
 * Nothing in `body` is changed in place.
 */
export function addBedrockCachePoints(body: BedrockConverseBody, model: string): BedrockConverseBody {
  const fields = bedrockCachePointFields(model);
  if (!fields) return body;
  let budget = BEDROCK_MAX_CACHE_POINTS;
  const result: BedrockConverseBody = { ...body };
  if (result.system && result.system.length > 0) {
    result.system = [...result.system, cachePoint()];
    budget--;
  }
  if (fields.tools && result.toolConfig && result.toolConfig.tools.length > 0) {
    result.toolConfig = { ...result.toolConfig, tools: [...result.toolConfig.tools, cachePoint()] };
    budget--;
  }
  const messages = [...result.messages];
  let userTurns = 0;
  for (let index = messages.length - 1; index >= 0 && userTurns < 2 && budget > 0; index--) {
    const message = messages[index];
    if (message.role !== 'user' || message.content.length === 0) continue;
    userTurns++;
    messages[index] = { ...message, content: [...message.content, cachePoint()] };
    budget--;
  }
  result.messages = messages;
  return result;
}
