import * as vscode from 'vscode';
import type { Logger } from '../../util/logger';
import { isAutomaticReference } from './automaticReferences';

/** What went to the model from one reference, for the log: a label and a size, never the content. */
interface SentContext {
  label: string;
  characters: number;
}

/**
 * The files and selections the user attached, read into text the model can use. References the chat adds by
 * itself (see automaticReferences.ts) stay out; the log says what went out, what was left out, and the sizes.
 */
export async function readChatReferences(
  references: readonly vscode.ChatPromptReference[],
  stream: vscode.ChatResponseStream,
  log: Logger,
): Promise<string> {
  const blocks: string[] = [];
  const sent: SentContext[] = [];
  const skipped: string[] = [];
  for (const reference of references) {
    if (isAutomaticReference(reference.id)) {
      skipped.push(reference.id.split('__')[0]);
      continue;
    }
    const block = await readReference(reference, stream);
    if (block) {
      blocks.push(fence(block.label, block.text));
      sent.push({ label: block.label, characters: block.text.length });
    }
  }
  const text = blocks.length > 0 ? `Context the user attached:\n\n${blocks.join('\n\n')}\n\n` : '';
  const listed = sent.map((item) => `${item.label} (${item.characters} chars)`).join(', ') || 'none';
  const left =
    skipped.length > 0
      ? `; left out ${skipped.length} automatic reference(s): ${[...new Set(skipped)].join(', ')}`
      : '';
  log.info('@skynet context sent: %s, %d chars in all%s', listed, text.length, left);
  return text;
}

async function readReference(
  reference: vscode.ChatPromptReference,
  stream: vscode.ChatResponseStream,
): Promise<{ label: string; text: string } | undefined> {
  const value = reference.value;
  try {
    if (value instanceof vscode.Uri) {
      const document = await vscode.workspace.openTextDocument(value);
      stream.reference(value);
      return { label: vscode.workspace.asRelativePath(value), text: document.getText() };
    }
    if (value instanceof vscode.Location) {
      const document = await vscode.workspace.openTextDocument(value.uri);
      stream.reference(value);
      return {
        label: `${vscode.workspace.asRelativePath(value.uri)}:${value.range.start.line + 1}-${value.range.end.line + 1}`,
        text: document.getText(value.range),
      };
    }
    if (typeof value === 'string') return { label: reference.modelDescription ?? reference.id, text: value };
  } catch {
    // A reference that cannot be read (deleted file, binary) is left out; the prompt still goes.
  }
  return undefined;
}

function fence(label: string, text: string): string {
  const ticks = text.includes('```') ? '````' : '```';
  return `${label}:\n${ticks}\n${text}\n${ticks}`;
}
