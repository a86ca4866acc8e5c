import * as vscode from 'vscode';
import type { ConfigDiagnostic } from '../../config/types';

/** Config errors and warnings → the Problems panel, at their 1-based line and column. */
export function publishConfigDiagnostics(
  collection: vscode.DiagnosticCollection,
  items: readonly ConfigDiagnostic[],
  fallbackFile: string | undefined,
  extra: readonly vscode.Diagnostic[] = [],
): void {
  collection.clear();
  const byFile = new Map<string, vscode.Diagnostic[]>();
  if (fallbackFile && extra.length > 0) byFile.set(fallbackFile, [...extra]);
  for (const item of items) {
    const file = item.file || fallbackFile;
    if (!file) continue;
    const line = Math.max(0, item.line - 1);
    const column = Math.max(0, item.column - 1);
    const diagnostic = new vscode.Diagnostic(
      new vscode.Range(line, column, line, column + 1),
      item.message,
      item.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Error,
    );
    diagnostic.source = 'skynet';
    const list = byFile.get(file) ?? [];
    list.push(diagnostic);
    byFile.set(file, list);
  }
  for (const [file, list] of byFile) collection.set(vscode.Uri.file(file), list);
}
