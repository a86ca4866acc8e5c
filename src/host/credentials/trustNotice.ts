import type * as vscode from 'vscode';
import type { ConfigService } from '../configService/configService';

/** The two ways out of restricted mode, as buttons (chat) and commands (tree, notifications). */
export const TRUST_WORKSPACE: vscode.Command = { command: 'workbench.trust.manage', title: 'Trust Workspace' };
export const USE_USER_CONFIG: vscode.Command = { command: 'skynet.useUserConfig', title: 'Use My User-Level Config' };
export const USE_WORKSPACE_CONFIG: vscode.Command = {
  command: 'skynet.useWorkspaceConfig',
  title: 'Use Workspace Config',
};

export function trustButtons(): vscode.Command[] {
  return [TRUST_WORKSPACE, USE_USER_CONFIG];
}

/** Why slots are disabled, in one paragraph; undefined when nothing is held back. `shown` formats the slot ids (Markdown). */
export function untrustedSummary(
  service: Pick<ConfigService, 'restricted' | 'untrustedSlots' | 'config'>,
  shown: (text: string) => string = (text) => text,
): string | undefined {
  const disabled = service.untrustedSlots.size;
  if (!service.restricted || disabled === 0) return undefined;
  const total = service.config?.slots.length ?? disabled;
  return (
    `This workspace is not trusted, so its skynet.toml may not send your stored API keys, environment variables, ` +
    `sign-ins or cloud credentials anywhere: ${disabled} of ${total} slot(s) are disabled (${[...service.untrustedSlots.keys()].map(shown).join(', ')}). ` +
    `Trust the workspace if you trust its skynet.toml, or use your own ~/.skynet/skynet.toml in this window.`
  );
}
