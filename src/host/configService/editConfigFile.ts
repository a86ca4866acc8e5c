import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

/**
 * Rewrites skynet.toml with `change(text)`. An open document with unsaved edits is edited in place (so the user's
 * unsaved text is the base, and undo works) and saved; otherwise the file is written and the editor reloads it.
 * Returns false when `change` declines (returns undefined) or the edit could not be applied.
 */
export async function editConfigFile(file: string, change: (text: string) => string | undefined): Promise<boolean> {
  const open = vscode.workspace.textDocuments.find(
    (document) => document.uri.scheme === 'file' && document.uri.fsPath === file,
  );
  if (open?.isDirty) {
    const updated = change(open.getText());
    if (updated === undefined) return false;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(open.uri, new vscode.Range(open.positionAt(0), open.positionAt(open.getText().length)), updated);
    return (await vscode.workspace.applyEdit(edit)) && (await open.save());
  }
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const updated = change(text);
  if (updated === undefined) return false;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, updated);
  return true;
}
