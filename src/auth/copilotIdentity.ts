/** How Skynet introduces itself to GitHub and Copilot (PROVIDERS.md: the values open-source clients use). */
import { copilotDescriptor } from '../providers/copilot/descriptor';

export const COPILOT_CLIENT_ID = 'Iv1.b507a08c87ecfe98';
export const COPILOT_SCOPE = 'read:user';
export const COPILOT_EDITOR_VERSION = 'vscode/1.104.0';
export const COPILOT_PLUGIN_VERSION = 'skynet/0.1.0';
export const COPILOT_USER_AGENT = 'Skynet/0.1.0';
export const COPILOT_API_VERSION = '2025-04-01';
export const COPILOT_DEFAULT_API_URL = copilotDescriptor.baseUrl;

/** Headers the token exchange and the Copilot API both expect. */
export function copilotEditorHeaders(): Record<string, string> {
  return {
    'editor-version': COPILOT_EDITOR_VERSION,
    'editor-plugin-version': COPILOT_PLUGIN_VERSION,
    'user-agent': COPILOT_USER_AGENT,
  };
}

export function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
