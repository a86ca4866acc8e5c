import * as vscode from 'vscode';

/** The files and selections the user attached, read into text the model can use. */
export async function readChatReferences(references: readonly vscode.ChatPromptReference[], stream: vscode.ChatResponseStream): Promise<string> {
  const blocks: string[] = [];
  for (const reference of references) {
    const value = reference.value;
    try {
      if (value instanceof vscode.Uri) {
        const document = await vscode.workspace.openTextDocument(value);
        blocks.push(fence(vscode.workspace.asRelativePath(value), document.getText()));
        stream.reference(value);
      } else if (value instanceof vscode.Location) {
        const document = await vscode.workspace.openTextDocument(value.uri);
        const where = `${vscode.workspace.asRelativePath(value.uri)}:${value.range.start.line + 1}-${value.range.end.line + 1}`;
        blocks.push(fence(where, document.getText(value.range)));
        stream.reference(value);
      } else if (typeof value === 'string') {
        blocks.push(fence(reference.modelDescription ?? reference.id, value));
      }
    } catch {
      // A reference that cannot be read (deleted file, binary) is left out; the prompt still goes.
    }
  }
  return blocks.length > 0 ? `Context the user attached:\n\n${blocks.join('\n\n')}\n\n` : '';
}

function fence(label: string, text: string): string {
  const ticks = text.includes('```') ? '````' : '```';
  return `${label}:\n${ticks}\n${text}\n${ticks}`;
}
