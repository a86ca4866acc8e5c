import { COPILOT_API_VERSION, copilotEditorHeaders } from '../../auth/copilotIdentity';
import type { ChatRequest } from '../types';

/** Whether any message carries an image: Copilot then wants `copilot-vision-request: true`. */
export function requestHasImages(request: ChatRequest | undefined): boolean {
  return !!request?.messages.some((message) => message.content.some((part) => part.type === 'image'));
}

/** The headers every Copilot API request carries (PROVIDERS.md). */
export function copilotRequestHeaders(copilotToken: string, vision: boolean): Record<string, string> {
  return {
    authorization: `Bearer ${copilotToken}`,
    'copilot-integration-id': 'vscode-chat',
    ...copilotEditorHeaders(),
    'openai-intent': 'conversation-panel',
    'x-github-api-version': COPILOT_API_VERSION,
    ...(vision ? { 'copilot-vision-request': 'true' } : {}),
  };
}
