import * as vscode from 'vscode';
import { readStoredKeys, type KeyScope } from '../auth/storedKeys';
import type { SecretCredentialStore } from '../host/credentials/secretCredentialStore';
import { currentWorkspaceIdentity, currentWorkspaceKeyScope } from '../host/credentials/workspaceKeyScope';
import { keyHint } from '../router/keyedSlot';

/** `all`: the key serves every workspace; `workspace`: this one alone, and wins here over the keys for all. */
export type ScopeChoice = 'all' | 'workspace';

/** The stored scope of a choice (undefined: all workspaces). */
export function scopeOf(choice: ScopeChoice): KeyScope {
  return choice === 'workspace' ? currentWorkspaceKeyScope() : undefined;
}

/**
 * "All workspaces" or "This workspace only". A window without a workspace identity (no folder, an untitled
 * multi-root workspace) has only the first: a key for it could not be found again once its folders change.
 */
export async function pickScope(slotId: string, verb: string): Promise<ScopeChoice | undefined> {
  const identity = currentWorkspaceIdentity();
  if (identity === undefined) return 'all';
  const name = vscode.workspace.name ?? 'this workspace';
  const picked = await vscode.window.showQuickPick(
    [
      {
        label: 'All workspaces',
        description: 'Secret Storage',
        detail: `Used for ${slotId} in every workspace that has no key of its own`,
        choice: 'all' as const,
      },
      {
        label: 'This workspace only',
        description: name,
        detail: `Used for ${slotId} only in this workspace, instead of the key for all workspaces, and never sent from another one`,
        choice: 'workspace' as const,
      },
    ],
    {
      title: `${verb} the API key of ${slotId} for…`,
      placeHolder: "A workspace key keeps one client's key out of every other project",
    },
  );
  return picked?.choice;
}

interface KeyChoice {
  scope: KeyScope;
  /** 0-based position, or `all` for every key of the scope. */
  which: number | 'all';
}

/** The stored keys of a slot in this window's scopes, as choices naming each by its last four characters only. */
export async function pickStoredKey(
  credentials: SecretCredentialStore,
  slotId: string,
): Promise<KeyChoice | 'none' | undefined> {
  const scopes: Array<{ scope: KeyScope; label: string }> = [{ scope: undefined, label: 'all workspaces' }];
  const workspace = currentWorkspaceKeyScope();
  if (workspace) scopes.unshift({ scope: workspace, label: 'this workspace' });
  const items: Array<vscode.QuickPickItem & { choice: KeyChoice }> = [];
  for (const { scope, label } of scopes) {
    const keys = await readStoredKeys(credentials, slotId, scope);
    keys.forEach((value, position) =>
      items.push({
        label: `$(key) key ${position + 1} ${keyHint(value)}`,
        description: label,
        choice: { scope, which: position },
      }),
    );
    if (keys.length > 1)
      items.push({ label: `$(trash) All ${keys.length} keys`, description: label, choice: { scope, which: 'all' } });
  }
  if (items.length === 0) return 'none';
  // One key and nothing to choose: remove it.
  if (items.length === 1) return items[0].choice;
  const picked = await vscode.window.showQuickPick(items, {
    title: `Remove which API key of ${slotId}?`,
    placeHolder: 'Keys are shown by their last four characters only',
  });
  return picked?.choice;
}
