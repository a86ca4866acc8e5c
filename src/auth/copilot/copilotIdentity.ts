/**
 * How Skynet introduces itself to GitHub and Copilot: the values open clients send, so the service sees a known
 * client (BerriAI/litellm llms/github_copilot/common_utils.py: copilot-chat/0.26.7, GitHubCopilotChat/0.26.7,
 * API version 2025-04-01; ericc-ch/copilot-api the same family). Checked 2026-12-05.
 */
export const COPILOT_CLIENT_ID = 'Iv1.b507a08c87ecfe98';
export const COPILOT_SCOPE = 'read:user';
export const COPILOT_EDITOR_VERSION = 'vscode/1.104.0';
export const COPILOT_PLUGIN_VERSION = 'copilot-chat/0.26.7';
export const COPILOT_USER_AGENT = 'GitHubCopilotChat/0.26.7';
export const COPILOT_API_VERSION = '2025-04-01';

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
