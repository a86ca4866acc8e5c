import type * as vscode from 'vscode';
import type { ChatMessage, ContentPart, ToolChoice, ToolDefinition } from '../../providers/types';

/**
 * VS Code's language-model messages → our ChatMessage. Pure (no runtime `vscode` import): parts are recognised
 * by shape, so this runs under plain mocha and accepts the host's objects as well as plain ones.
 */

const ROLE_ASSISTANT = 2; // vscode.LanguageModelChatMessageRole.Assistant
const ROLE_SYSTEM = 3; // proposed System role; some callers send it

type LmMessage = Pick<vscode.LanguageModelChatRequestMessage, 'role' | 'content'>;

export function convertFromLmMessages(messages: readonly LmMessage[]): ChatMessage[] {
  const result: ChatMessage[] = [];
  for (const message of messages) {
    const roleNumber = message.role as number;
    const role = roleNumber === ROLE_ASSISTANT ? 'assistant' : roleNumber === ROLE_SYSTEM ? 'system' : 'user';
    const content: ContentPart[] = [];
    const toolResults: ContentPart[] = [];
    for (const part of message.content) {
      const converted = convertPart(part);
      if (!converted) continue;
      if (converted.type === 'tool-result') toolResults.push(converted);
      else content.push(converted);
    }
    // Tool results travel in their own `tool` message, before any text the user added in the same turn.
    if (toolResults.length > 0) result.push({ role: 'tool', content: toolResults });
    if (content.length > 0) result.push({ role, content: mergeText(content) });
  }
  return result;
}

function convertPart(part: unknown): ContentPart | undefined {
  if (!part || typeof part !== 'object') return undefined;
  const value = part as Record<string, unknown>;
  if (typeof value.callId === 'string' && typeof value.name === 'string' && 'input' in value) {
    const input = value.input && typeof value.input === 'object' ? (value.input as Record<string, unknown>) : {};
    return { type: 'tool-call', id: value.callId, name: value.name, arguments: input };
  }
  if (typeof value.callId === 'string' && Array.isArray(value.content)) {
    return { type: 'tool-result', toolCallId: value.callId, content: toolResultText(value.content) };
  }
  if (typeof value.value === 'string') return { type: 'text', text: value.value };
  if (typeof value.mimeType === 'string' && value.data instanceof Uint8Array) {
    if (value.mimeType.startsWith('image/')) {
      return { type: 'image', mimeType: value.mimeType, data: Buffer.from(value.data).toString('base64') };
    }
    if (value.mimeType.startsWith('text/') || value.mimeType.includes('json')) {
      return { type: 'text', text: Buffer.from(value.data).toString('utf8') };
    }
  }
  return undefined;
}

function toolResultText(parts: unknown[]): string {
  const texts: string[] = [];
  for (const part of parts) {
    if (!part || typeof part !== 'object') continue;
    const value = part as Record<string, unknown>;
    if (typeof value.value === 'string') texts.push(value.value);
    else if (
      typeof value.mimeType === 'string' &&
      value.data instanceof Uint8Array &&
      !value.mimeType.startsWith('image/')
    ) {
      texts.push(Buffer.from(value.data).toString('utf8'));
    } else if ('value' in value && value.value !== undefined) texts.push(JSON.stringify(value.value));
  }
  return texts.join('\n');
}

/** Adjacent text parts become one (VS Code often splits a prompt into several). */
function mergeText(parts: ContentPart[]): ContentPart[] {
  const merged: ContentPart[] = [];
  for (const part of parts) {
    const last = merged[merged.length - 1];
    if (part.type === 'text' && last?.type === 'text')
      merged[merged.length - 1] = { type: 'text', text: last.text + part.text };
    else merged.push(part);
  }
  return merged;
}

export function convertFromLmTools(
  tools: readonly vscode.LanguageModelChatTool[] | undefined,
): ToolDefinition[] | undefined {
  if (!tools || tools.length === 0) return undefined;
  return tools.map((tool) => ({
    name: tool.name,
    description: tool.description,
    inputSchema: (tool.inputSchema as Record<string, unknown> | undefined) ?? { type: 'object', properties: {} },
  }));
}

/** `LanguageModelChatToolMode.Required` is 2; with one tool it names that tool. */
export function convertFromLmToolMode(
  mode: number | undefined,
  tools: ToolDefinition[] | undefined,
): ToolChoice | undefined {
  if (!tools) return undefined;
  if (mode === 2) return tools.length === 1 ? { name: tools[0].name } : 'required';
  return 'auto';
}
