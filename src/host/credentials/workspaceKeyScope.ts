import * as vscode from 'vscode';
import { workspaceKeyScope } from '../../auth/storedKeys';

/**
 * What "this workspace" is for a key stored for it: a saved multi-root workspace is its `.code-workspace` file, a
 * window with one folder is that folder. An untitled multi-root workspace (its folders can change, and its identity
 * with them) and a window without a folder have none: they use the keys for all workspaces only.
 */
export function currentWorkspaceIdentity(): string | undefined {
  const file = vscode.workspace.workspaceFile;
  if (file) return file.scheme === 'untitled' ? undefined : file.toString();
  const folders = vscode.workspace.workspaceFolders ?? [];
  return folders.length === 1 ? folders[0].uri.toString() : undefined;
}

/** The scope of this window's workspace keys (see `workspaceKeyScope`), or undefined when it has no identity. */
export function currentWorkspaceKeyScope(): string | undefined {
  const identity = currentWorkspaceIdentity();
  return identity === undefined ? undefined : workspaceKeyScope(identity);
}
