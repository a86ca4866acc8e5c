import type { ChatMessage, ContentPart, ToolDefinition } from '../providers/types';

/** A problem in a `--messages` / `--tools` file: which file, where in it, and what is wrong. */
export class ChatFileError extends Error {}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function fail(file: string, where: string, cause: string): never {
  throw new ChatFileError(`${file}: ${where}: ${cause}`);
}

/** The list in a file: the top-level array, or the array under `key` (`{"messages": [...]}`, `{"tools": [...]}`). */
function listOf(file: string, text: string, key: string): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    fail(file, 'not JSON', (error as Error).message);
  }
  if (Array.isArray(parsed)) return parsed;
  if (isObject(parsed) && Array.isArray(parsed[key])) return parsed[key] as unknown[];
  return fail(file, 'top level', `expected an array of ${key}, or an object with a "${key}" array`);
}

function textOfContent(content: unknown, file: string, where: string): string {
  if (content === null || content === undefined) return '';
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part, index) => {
        if (isObject(part) && part.type === 'text' && typeof part.text === 'string') return part.text;
        return fail(file, `${where}.content[${index}]`, 'expected {"type":"text","text":"…"}');
      })
      .join('');
  }
  return fail(file, `${where}.content`, 'expected a string, an array of text parts, or null');
}

function userParts(content: unknown, file: string, where: string): ContentPart[] {
  if (!Array.isArray(content)) return [{ type: 'text', text: textOfContent(content, file, where) }];
  return content.map((part, index): ContentPart => {
    const at = `${where}.content[${index}]`;
    if (isObject(part) && part.type === 'text' && typeof part.text === 'string')
      return { type: 'text', text: part.text };
    if (
      isObject(part) &&
      part.type === 'image_url' &&
      isObject(part.image_url) &&
      typeof part.image_url.url === 'string'
    ) {
      const match = /^data:([\w.+-]+\/[\w.+-]+);base64,(.*)$/s.exec(part.image_url.url);
      if (!match)
        return fail(
          file,
          `${at}.image_url.url`,
          'expected a data:<mime>;base64,… URL (a file is never fetched from an address)',
        );
      return { type: 'image', mimeType: match[1], data: match[2] };
    }
    return fail(file, at, 'expected a text or image_url part');
  });
}

function toolCall(call: unknown, file: string, where: string): ContentPart {
  if (!isObject(call) || !isObject(call.function))
    return fail(file, where, 'expected {"id","type":"function","function":{"name","arguments"}}');
  if (typeof call.id !== 'string' || !call.id) fail(file, `${where}.id`, 'expected a non-empty string');
  const name = call.function.name;
  if (typeof name !== 'string' || !name) fail(file, `${where}.function.name`, 'expected a non-empty string');
  let args: unknown = call.function.arguments ?? '{}';
  if (typeof args === 'string') {
    try {
      args = JSON.parse(args || '{}');
    } catch {
      fail(file, `${where}.function.arguments`, 'not a JSON string');
    }
  }
  if (!isObject(args))
    fail(file, `${where}.function.arguments`, 'expected a JSON object (as a string, the way the API sends it)');
  const signature =
    isObject(call.extra_content) && isObject(call.extra_content.google)
      ? call.extra_content.google.thought_signature
      : undefined;
  return {
    type: 'tool-call',
    id: call.id as string,
    name: name as string,
    arguments: args as Record<string, unknown>,
    ...(typeof signature === 'string' && signature ? { signature } : {}),
  };
}

function convertMessage(message: unknown, file: string, index: number): ChatMessage {
  const where = `messages[${index}]`;
  if (!isObject(message)) return fail(file, where, 'expected an object with a role');
  switch (message.role) {
    case 'system':
    case 'developer':
      return { role: 'system', content: [{ type: 'text', text: textOfContent(message.content, file, where) }] };
    case 'user':
      return { role: 'user', content: userParts(message.content, file, where) };
    case 'assistant': {
      const content: ContentPart[] = [];
      const reasoning = message.reasoning_content ?? message.reasoning;
      if (reasoning !== undefined && reasoning !== null && typeof reasoning !== 'string')
        fail(file, `${where}.reasoning_content`, 'expected a string');
      if (typeof reasoning === 'string' && reasoning) content.push({ type: 'reasoning', text: reasoning });
      const text = textOfContent(message.content, file, where);
      if (text) content.push({ type: 'text', text });
      if (message.tool_calls !== undefined && !Array.isArray(message.tool_calls))
        fail(file, `${where}.tool_calls`, 'expected an array');
      ((message.tool_calls as unknown[] | undefined) ?? []).forEach((call, callIndex) =>
        content.push(toolCall(call, file, `${where}.tool_calls[${callIndex}]`)),
      );
      return { role: 'assistant', content };
    }
    case 'tool': {
      if (typeof message.tool_call_id !== 'string' || !message.tool_call_id)
        fail(file, `${where}.tool_call_id`, 'a tool message needs the id of the call it answers');
      const result: ContentPart = {
        type: 'tool-result',
        toolCallId: message.tool_call_id as string,
        content: textOfContent(message.content, file, where),
      };
      if (typeof message.name === 'string') result.toolName = message.name;
      return { role: 'tool', content: [result] };
    }
    default:
      return fail(
        file,
        `${where}.role`,
        `expected system, user, assistant or tool, got ${JSON.stringify(message.role)}`,
      );
  }
}

/** Checks that every tool message answers a call made earlier in the conversation. */
function checkToolResults(messages: ChatMessage[], file: string): void {
  const calls = new Set<string>();
  messages.forEach((message, index) => {
    for (const part of message.content) {
      if (part.type === 'tool-call') calls.add(part.id);
      if (part.type === 'tool-result' && !calls.has(part.toolCallId)) {
        fail(
          file,
          `messages[${index}].tool_call_id`,
          `"${part.toolCallId}" answers no tool call of an earlier assistant message`,
        );
      }
    }
  });
}

/**
 * `skynet chat --messages FILE`: a conversation in the OpenAI Chat Completions format (system/developer, user
 * with text and data-URL images, assistant with `tool_calls`, `reasoning_content` and Gemini's
 * `extra_content.google.thought_signature`, tool results). Throws a ChatFileError naming file, index and cause.
 */
export function parseMessagesFile(file: string, text: string): ChatMessage[] {
  const messages = listOf(file, text, 'messages').map((message, index) => convertMessage(message, file, index));
  if (messages.length === 0) fail(file, 'messages', 'the conversation is empty');
  checkToolResults(messages, file);
  return messages;
}

/** `skynet chat --tools FILE`: OpenAI tool definitions (`{"type":"function","function":{"name","description","parameters"}}`). */
export function parseToolsFile(file: string, text: string): ToolDefinition[] {
  const names = new Set<string>();
  return listOf(file, text, 'tools').map((tool, index): ToolDefinition => {
    const where = `tools[${index}]`;
    if (!isObject(tool) || tool.type !== 'function' || !isObject(tool.function))
      return fail(file, where, 'expected {"type":"function","function":{"name","parameters"}}');
    const { name, description, parameters } = tool.function;
    if (typeof name !== 'string' || !/^[a-zA-Z0-9_-]{1,64}$/.test(name))
      fail(file, `${where}.function.name`, 'expected 1 to 64 of a-z, A-Z, 0-9, _ and -');
    if (names.has(name as string)) fail(file, `${where}.function.name`, `"${name as string}" is defined twice`);
    names.add(name as string);
    if (description !== undefined && typeof description !== 'string')
      fail(file, `${where}.function.description`, 'expected a string');
    if (parameters !== undefined && !isObject(parameters))
      fail(file, `${where}.function.parameters`, 'expected a JSON Schema object');
    return {
      name: name as string,
      ...(description ? { description: description as string } : {}),
      inputSchema: (parameters as Json | undefined) ?? { type: 'object', properties: {} },
    };
  });
}
