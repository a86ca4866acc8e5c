import { COPILOT_API_VERSION, copilotEditorHeaders } from '../../auth/copilot/copilotIdentity';
import type { ChatRequest } from '../types';

/** Whether any message carries an image: Copilot then wants `copilot-vision-request: true`. */
export function requestHasImages(request: ChatRequest | undefined): boolean {
  return !!request?.messages.some((message) => message.content.some((part) => part.type === 'image'));
}

/**
 * Who started this request: `agent` for a tool follow-up (the last message hands back tool results, or is the
 * assistant's own), `user` otherwise. Copilot bills premium requests per user-initiated request only, so a
 * tool round trip marked `user` costs one each (ericc-ch/copilot-api create-chat-completions.ts; BerriAI/litellm
 * github_copilot chat/transformation.py; checked 2026-12-05).
 */
export function copilotInitiator(request: ChatRequest | undefined): 'agent' | 'user' {
  const last = request?.messages.at(-1);
  if (!last) return 'user';
  if (last.role === 'assistant' || last.role === 'tool') return 'agent';
  return last.content.length > 0 && last.content.every((part) => part.type === 'tool-result') ? 'agent' : 'user';
}

/** The headers every Copilot API request carries (PROVIDERS.md). */
export function copilotRequestHeaders(
  copilotToken: string,
  vision: boolean,
  initiator: 'agent' | 'user' = 'user',
): Record<string, string> {
  return {
    authorization: `Bearer ${copilotToken}`,
    'copilot-integration-id': 'vscode-chat',
    ...copilotEditorHeaders(),
    'openai-intent': 'conversation-panel',
    'x-github-api-version': COPILOT_API_VERSION,
    'x-initiator': initiator,
    ...(vision ? { 'copilot-vision-request': 'true' } : {}),
  };
}
