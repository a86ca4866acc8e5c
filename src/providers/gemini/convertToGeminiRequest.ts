import { reasoningBudget, reasoningEffort, type ReasoningRequest } from '../../config/reasoning';
import type { ChatMessage, ChatRequest, ContentPart, ToolChoice } from '../types';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../../util/limits';

export type GeminiPart =
  | { text: string; thought?: boolean; thoughtSignature?: string }
  | { inlineData: { mimeType: string; data: string }; thoughtSignature?: string }
  | { functionCall: { name: string; args: Record<string, unknown> }; thoughtSignature?: string }
  | { functionResponse: { name: string; response: Record<string, unknown> } };

export interface GeminiContent {
  role: 'user' | 'model';
  parts: GeminiPart[];
}

/** `thinkingBudget` (Gemini 2.5) and `thinkingLevel` (Gemini 3 on) are never sent together: the API refuses both. */
export interface GeminiThinkingConfig {
  includeThoughts: boolean;
  thinkingBudget?: number;
  thinkingLevel?: 'LOW' | 'MEDIUM' | 'HIGH';
}

export interface GeminiRequestBody {
  contents: GeminiContent[];
  systemInstruction?: { parts: Array<{ text: string }> };
  tools?: Array<{
    functionDeclarations: Array<{ name: string; description?: string; parameters?: Record<string, unknown> }>;
  }>;
  toolConfig?: { functionCallingConfig: { mode: 'AUTO' | 'ANY' | 'NONE'; allowedFunctionNames?: string[] } };
  generationConfig?: {
    temperature?: number;
    topP?: number;
    maxOutputTokens?: number;
    stopSequences?: string[];
    thinkingConfig?: GeminiThinkingConfig;
  };
}

/** Keywords of JSON Schema that Gemini's OpenAPI-style `parameters` refuses. */
const UNSUPPORTED_SCHEMA_KEYS = new Set(['$schema', '$id', '$comment', 'additionalProperties', 'default', 'examples']);

/** A JSON Schema trimmed of the keywords Gemini rejects (recursively). */
export function convertToGeminiSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(convertToGeminiSchema);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (UNSUPPORTED_SCHEMA_KEYS.has(key)) continue;
    out[key] =
      key === 'properties' && value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, convertToGeminiSchema(sub)]))
        : convertToGeminiSchema(value);
  }
  return out;
}

/** A tool's schema, unless it nests deeper than the converter walks: then a clear error instead of a stack overflow. */
function shallowSchema(name: string, schema: unknown): unknown {
  if (nestsDeeperThan(schema))
    throw new Error(`The input schema of tool "${name}" nests deeper than the ${MAX_JSON_DEPTH} levels skynet accepts`);
  return schema;
}

function toolResponse(content: string, isError: boolean | undefined): Record<string, unknown> {
  return isError ? { error: content } : { content };
}

/**
 * Our messages → Gemini `contents` (roles user|model) and `systemInstruction`. Tool results become
 * `functionResponse` parts named after the call (Gemini matches by name; it has no call ids). A reasoning
 * signature (Gemini's `thoughtSignature`) goes back on the next part of the same turn, where it came from.
 */
export function convertToGeminiContents(messages: readonly ChatMessage[]): {
  system: Array<{ text: string }>;
  contents: GeminiContent[];
} {
  const system: Array<{ text: string }> = [];
  const contents: GeminiContent[] = [];
  const callNames = new Map<string, string>();
  for (const message of messages) {
    if (message.role === 'system') {
      for (const part of message.content) if (part.type === 'text' && part.text) system.push({ text: part.text });
      continue;
    }
    const role = message.role === 'assistant' ? 'model' : 'user';
    const parts: GeminiPart[] = [];
    let signature: string | undefined;
    const push = (part: GeminiPart): void => {
      if (signature && !('functionResponse' in part)) {
        (part as { thoughtSignature?: string }).thoughtSignature = signature;
        signature = undefined;
      }
      parts.push(part);
    };
    for (const part of message.content as ContentPart[]) {
      switch (part.type) {
        case 'text':
          if (part.text) push({ text: part.text });
          break;
        case 'image':
          push({ inlineData: { mimeType: part.mimeType, data: part.data } });
          break;
        case 'reasoning':
          if (part.signature) signature = part.signature;
          break;
        case 'tool-call':
          callNames.set(part.id, part.name);
          push({ functionCall: { name: part.name, args: part.arguments } });
          break;
        case 'tool-result':
          push({
            functionResponse: {
              name: part.toolName ?? callNames.get(part.toolCallId) ?? part.toolCallId,
              response: toolResponse(part.content, part.isError),
            },
          });
          break;
      }
    }
    // A signature with nothing after it rides on an empty text part, as Gemini itself sends it.
    if (signature) parts.push({ text: '', thoughtSignature: signature });
    if (parts.length === 0) continue;
    const previous = contents[contents.length - 1];
    if (previous?.role === role) previous.parts.push(...parts);
    else contents.push({ role, parts });
  }
  return { system, contents };
}

function convertToolChoice(choice: ToolChoice): NonNullable<GeminiRequestBody['toolConfig']> {
  if (choice === 'auto') return { functionCallingConfig: { mode: 'AUTO' } };
  if (choice === 'none') return { functionCallingConfig: { mode: 'NONE' } };
  if (choice === 'required') return { functionCallingConfig: { mode: 'ANY' } };
  return { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [choice.name] } };
}

/**
 * Gemini 2.5 and later think; they send their thought summaries only when asked (`includeThoughts`).
 * Older models refuse a thinkingConfig, so it is sent only to the thinking generations.
 */
export function geminiThinks(model: string): boolean {
  return /^gemini-(2\.5|[3-9])/i.test(model);
}

/**
 * A reasoning request for a thinking Gemini: 2.5 takes a token budget (`thinkingBudget`); 3 and later take a
 * level (`thinkingLevel`), where the Pro models know only LOW and HIGH, so medium becomes HIGH there.
 */
export function convertToGeminiThinking(reasoning: ReasoningRequest, model: string): GeminiThinkingConfig {
  if (/^gemini-2\.5/i.test(model)) return { includeThoughts: true, thinkingBudget: reasoningBudget(reasoning) };
  const effort = reasoningEffort(reasoning);
  const level =
    effort === 'medium' && /-pro/i.test(model) ? 'HIGH' : (effort.toUpperCase() as 'LOW' | 'MEDIUM' | 'HIGH');
  return { includeThoughts: true, thinkingLevel: level };
}

/** The `generateContent` / `streamGenerateContent` body. */
export function convertToGeminiRequest(request: ChatRequest, model = ''): GeminiRequestBody {
  const { system, contents } = convertToGeminiContents(request.messages);
  const body: GeminiRequestBody = { contents };
  if (system.length > 0) body.systemInstruction = { parts: system };
  if (request.tools && request.tools.length > 0) {
    body.tools = [
      {
        functionDeclarations: request.tools.map((tool) => ({
          name: tool.name,
          ...(tool.description ? { description: tool.description } : {}),
          parameters: convertToGeminiSchema(shallowSchema(tool.name, tool.inputSchema)) as Record<string, unknown>,
        })),
      },
    ];
    if (request.toolChoice) body.toolConfig = convertToolChoice(request.toolChoice);
  }
  const generation = {
    ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
    ...(request.topP !== undefined ? { topP: request.topP } : {}),
    ...(request.maxTokens !== undefined ? { maxOutputTokens: request.maxTokens } : {}),
    ...(request.stop && request.stop.length > 0 ? { stopSequences: request.stop } : {}),
    ...(geminiThinks(model)
      ? {
          thinkingConfig: request.reasoning
            ? convertToGeminiThinking(request.reasoning, model)
            : { includeThoughts: true },
        }
      : {}),
  };
  if (Object.keys(generation).length > 0) body.generationConfig = generation;
  return body;
}
