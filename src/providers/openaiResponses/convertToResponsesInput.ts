import { textOf } from '../collect';
import type { ChatMessage, ContentPart } from '../types';

type InputContentPart =
  { type: 'input_text'; text: string } | { type: 'input_image'; image_url: string; detail: 'auto' };

export type ResponsesInputItem =
  | { role: 'system'; content: string }
  | { role: 'user'; content: InputContentPart[] }
  | { role: 'assistant'; content: Array<{ type: 'output_text'; text: string }> }
  | { type: 'function_call'; call_id: string; name: string; arguments: string }
  | { type: 'function_call_output'; call_id: string; output: string };

function userItems(parts: ContentPart[]): ResponsesInputItem[] {
  const items: ResponsesInputItem[] = [];
  const content: InputContentPart[] = [];
  for (const part of parts) {
    if (part.type === 'tool-result')
      items.push({ type: 'function_call_output', call_id: part.toolCallId, output: part.content });
    else if (part.type === 'text' && part.text) content.push({ type: 'input_text', text: part.text });
    else if (part.type === 'image')
      content.push({ type: 'input_image', image_url: `data:${part.mimeType};base64,${part.data}`, detail: 'auto' });
  }
  if (content.length > 0) items.push({ role: 'user', content });
  return items;
}

/** Assistant text and tool calls in the order they were produced: text runs become messages between calls. */
function assistantItems(parts: ContentPart[]): ResponsesInputItem[] {
  const items: ResponsesInputItem[] = [];
  let text = '';
  const flush = () => {
    if (text) items.push({ role: 'assistant', content: [{ type: 'output_text', text }] });
    text = '';
  };
  for (const part of parts) {
    if (part.type === 'text') text += part.text;
    else if (part.type === 'tool-call') {
      flush();
      items.push({
        type: 'function_call',
        call_id: part.id,
        name: part.name,
        arguments: JSON.stringify(part.arguments ?? {}),
      });
    }
  }
  flush();
  return items;
}

/**
 * ChatMessages → Responses API `input` items. System text becomes a `system` message; user text and images
 * become `input_text`/`input_image` parts; assistant text becomes `output_text`; tool calls and their results
 * become `function_call`/`function_call_output` items paired by `call_id`. Reasoning parts are dropped: with
 * `store: false` the server could only use them as encrypted content, which Skynet does not keep.
 */
export function convertToResponsesInput(messages: ChatMessage[]): ResponsesInputItem[] {
  const items: ResponsesInputItem[] = [];
  for (const message of messages) {
    switch (message.role) {
      case 'system': {
        const text = textOf(message.content);
        if (text) items.push({ role: 'system', content: text });
        break;
      }
      case 'assistant':
        items.push(...assistantItems(message.content));
        break;
      case 'tool':
      case 'user':
        items.push(...userItems(message.content));
        break;
    }
  }
  return items;
}
