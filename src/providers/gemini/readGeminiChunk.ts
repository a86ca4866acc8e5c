import { tokenCount } from '../tokenCount';
import type { GeminiPartialArg } from './geminiPartialArgs';
import { isObject } from '../jsonValues';

/** A streamed part with every field of the wrong type dropped. */
export interface GeminiChunkPart {
  text?: string;
  thought: boolean;
  thoughtSignature?: string;
  functionCall?: {
    id?: string;
    name?: string;
    args?: Record<string, unknown>;
    partialArgs?: GeminiPartialArg[];
    willContinue: boolean;
  };
}

export interface GeminiUsageMetadata {
  promptTokenCount?: number;
  candidatesTokenCount?: number;
  totalTokenCount?: number;
  thoughtsTokenCount?: number;
  cachedContentTokenCount?: number;
}

/** One `streamGenerateContent` chunk, read leniently: only the fields we use, only of the types we expect. */
export interface GeminiChunk {
  error?: unknown;
  usage?: GeminiUsageMetadata;
  blockReason?: string;
  finishReason?: string;
  parts: GeminiChunkPart[];
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const finite = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

function readUsage(value: unknown): GeminiUsageMetadata | undefined {
  if (!isObject(value)) return undefined;
  const usage: GeminiUsageMetadata = {};
  for (const key of [
    'promptTokenCount',
    'candidatesTokenCount',
    'totalTokenCount',
    'thoughtsTokenCount',
    'cachedContentTokenCount',
  ] as const) {
    const n = tokenCount(value[key]);
    if (n !== undefined) usage[key] = n;
  }
  return Object.keys(usage).length > 0 ? usage : undefined;
}

function readPartialArg(value: unknown): GeminiPartialArg | undefined {
  if (!isObject(value)) return undefined;
  const piece: GeminiPartialArg = { jsonPath: text(value.jsonPath) };
  if (typeof value.stringValue === 'string') piece.stringValue = value.stringValue;
  else if (finite(value.numberValue) !== undefined) piece.numberValue = finite(value.numberValue);
  else if (typeof value.boolValue === 'boolean') piece.boolValue = value.boolValue;
  else if ('nullValue' in value) piece.nullValue = null;
  return piece;
}

function readPart(value: unknown): GeminiChunkPart | undefined {
  if (!isObject(value)) return undefined;
  const part: GeminiChunkPart = {
    text: text(value.text),
    thought: value.thought === true,
    thoughtSignature: text(value.thoughtSignature) || undefined,
  };
  const call = value.functionCall;
  if (isObject(call)) {
    part.functionCall = {
      id: text(call.id) || undefined,
      name: text(call.name) || undefined,
      args: isObject(call.args) ? call.args : undefined,
      partialArgs: Array.isArray(call.partialArgs)
        ? call.partialArgs.map(readPartialArg).filter((piece): piece is GeminiPartialArg => !!piece)
        : undefined,
      willContinue: call.willContinue === true,
    };
  }
  return part;
}

/** Reads one chunk; undefined when it is not a JSON object at all. */
export function readGeminiChunk(value: unknown): GeminiChunk | undefined {
  const chunk = Array.isArray(value) && value.length === 1 ? value[0] : value;
  if (!isObject(chunk)) return undefined;
  const candidates = Array.isArray(chunk.candidates) ? chunk.candidates : [];
  const candidate = isObject(candidates[0]) ? candidates[0] : undefined;
  const content = isObject(candidate?.content) ? candidate.content : undefined;
  const parts = Array.isArray(content?.parts)
    ? content.parts.map(readPart).filter((part): part is GeminiChunkPart => !!part)
    : [];
  const feedback = isObject(chunk.promptFeedback) ? chunk.promptFeedback : undefined;
  return {
    error: chunk.error,
    usage: readUsage(chunk.usageMetadata),
    blockReason: candidates.length === 0 ? text(feedback?.blockReason) || undefined : undefined,
    finishReason: text(candidate?.finishReason) || undefined,
    parts,
  };
}
