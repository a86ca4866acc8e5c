import { BEDROCK_TOOL_CALL_IDS, conformToolCallIds } from '../toolCallIds';
import { DEFAULT_ANTHROPIC_MAX_TOKENS } from '../anthropic/convertToAnthropicMessages';
import { planAnthropicThinking, type AnthropicThinking } from '../anthropic/convertToAnthropicThinking';
import { textOf } from '../collect';
import { addBedrockCachePoints, type BedrockCachePoint } from './convertToBedrockCachePoints';
import type { ChatMessage, ChatRequest, ContentPart, ToolChoice } from '../types';

export type BedrockContentBlock =
  | { text: string }
  | { image: { format: string; source: { bytes: string } } }
  | { toolUse: { toolUseId: string; name: string; input: Record<string, unknown> } }
  | { toolResult: { toolUseId: string; content: Array<{ text: string }>; status?: 'success' | 'error' } }
  | { reasoningContent: { reasoningText: { text: string; signature?: string } } }
  | BedrockCachePoint;

export interface BedrockMessage {
  role: 'user' | 'assistant';
  content: BedrockContentBlock[];
}

export interface BedrockConverseBody {
  messages: BedrockMessage[];
  system?: Array<{ text: string } | BedrockCachePoint>;
  inferenceConfig?: { maxTokens?: number; temperature?: number; topP?: number; stopSequences?: string[] };
  toolConfig?: {
    tools: Array<
      | { toolSpec: { name: string; description?: string; inputSchema: { json: Record<string, unknown> } } }
      | BedrockCachePoint
    >;
    toolChoice?: { auto: Record<string, never> } | { any: Record<string, never> } | { tool: { name: string } };
  };
  /** Model-native fields Converse passes through: Claude's `thinking` when the request asks for reasoning. */
  additionalModelRequestFields?: { thinking: AnthropicThinking };
}

/** Claude on Bedrock: plain ids, cross-region profiles (`us.anthropic.claude-…`) and ARNs naming one. */
export function isBedrockClaude(model: string): boolean {
  return /anthropic\.|claude/i.test(model);
}

/** `image/png` → `png`; Converse takes png, jpeg, gif, webp. */
function imageFormat(mimeType: string): string {
  const subtype = mimeType.split('/')[1]?.toLowerCase() ?? 'png';
  return subtype === 'jpg' ? 'jpeg' : subtype;
}

function convertPart(part: ContentPart, role: ChatMessage['role']): BedrockContentBlock | undefined {
  switch (part.type) {
    case 'text':
      return part.text ? { text: part.text } : undefined;
    case 'image':
      return { image: { format: imageFormat(part.mimeType), source: { bytes: part.data } } };
    case 'tool-call':
      return role === 'assistant'
        ? { toolUse: { toolUseId: part.id, name: part.name, input: part.arguments } }
        : undefined;
    case 'tool-result':
      return {
        toolResult: {
          toolUseId: part.toolCallId,
          content: [{ text: part.content }],
          status: part.isError ? 'error' : 'success',
        },
      };
    case 'reasoning':
      // Reasoning goes back only with its signature: Bedrock rejects unsigned reasoning blocks.
      return role === 'assistant' && part.signature
        ? { reasoningContent: { reasoningText: { text: part.text, signature: part.signature } } }
        : undefined;
  }
}

/**
 * Our messages → Converse `system` + `messages`. Tool results travel as user turns; consecutive turns of the
 * same role are merged because Converse requires user and assistant to alternate.
 */
export function convertToBedrockMessages(messages: readonly ChatMessage[]): {
  system: Array<{ text: string }>;
  messages: BedrockMessage[];
} {
  const system: Array<{ text: string }> = [];
  const converted: BedrockMessage[] = [];
  for (const message of messages) {
    if (message.role === 'system') {
      const text = textOf(message.content);
      if (text) system.push({ text });
      continue;
    }
    const role = message.role === 'assistant' ? 'assistant' : 'user';
    const content = message.content
      .map((part) => convertPart(part, message.role))
      .filter((block): block is BedrockContentBlock => !!block);
    if (content.length === 0) continue;
    const previous = converted[converted.length - 1];
    if (previous?.role === role) previous.content.push(...content);
    else converted.push({ role, content });
  }
  return { system, messages: converted };
}

function convertToolChoice(
  choice: ToolChoice | undefined,
): NonNullable<BedrockConverseBody['toolConfig']>['toolChoice'] {
  if (!choice || choice === 'auto') return { auto: {} };
  if (choice === 'required') return { any: {} };
  if (choice === 'none') return undefined;
  return { tool: { name: choice.name } };
}

/**
 * The Converse / ConverseStream request body (the model id travels in the URL; it is needed here to know
 * whether a reasoning request can be mapped: Claude's `thinking`, under the same rules as the Messages
 * API; other Bedrock models get no reasoning field, as Converse has no common one; and whether the model
 * takes prompt-cache checkpoints, added unless `promptCaching` is false: see convertToBedrockCachePoints.ts).
 */
export function convertToBedrockRequest(
  request: ChatRequest,
  model = '',
  options: { promptCaching?: boolean } = {},
): BedrockConverseBody {
  const { system, messages } = convertToBedrockMessages(conformToolCallIds(request.messages, BEDROCK_TOOL_CALL_IDS));
  const body: BedrockConverseBody = { messages };
  if (system.length > 0) body.system = system;
  const forcedTool = request.toolChoice === 'required' || typeof request.toolChoice === 'object';
  const thinking =
    request.reasoning && isBedrockClaude(model)
      ? planAnthropicThinking(request.reasoning, model, {
          maxTokens: request.maxTokens,
          defaultMaxTokens: DEFAULT_ANTHROPIC_MAX_TOKENS,
          topP: request.topP,
          forcedTool: forcedTool && !!request.tools && request.tools.length > 0,
        })
      : undefined;
  const maxTokens = thinking ? thinking.maxTokens : request.maxTokens;
  const inference = {
    ...(maxTokens !== undefined ? { maxTokens } : {}),
    ...(request.temperature !== undefined && !thinking ? { temperature: request.temperature } : {}),
    ...(request.topP !== undefined && !thinking?.dropTopP ? { topP: request.topP } : {}),
    ...(request.stop && request.stop.length > 0 ? { stopSequences: request.stop } : {}),
  };
  if (Object.keys(inference).length > 0) body.inferenceConfig = inference;
  // Converse has no "none" choice: leaving the tools out is how a turn forbids them.
  if (request.tools && request.tools.length > 0 && request.toolChoice !== 'none') {
    const toolChoice = convertToolChoice(request.toolChoice);
    body.toolConfig = {
      tools: request.tools.map((tool) => ({
        toolSpec: {
          name: tool.name,
          ...(tool.description ? { description: tool.description } : {}),
          inputSchema: { json: tool.inputSchema },
        },
      })),
      ...(toolChoice ? { toolChoice } : {}),
    };
  }
  // Adaptive models' effort (`output_config`) is not passed through Converse: they think at their default.
  if (thinking) body.additionalModelRequestFields = { thinking: thinking.thinking };
  return options.promptCaching === false ? body : addBedrockCachePoints(body, model);
}
