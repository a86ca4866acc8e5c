import type * as vscode from 'vscode';
import type { ChatMessage } from '../../providers/types';

/** What @skynet keeps in a result's metadata: the pin, the slot that answered, the footer to drop from history. */
export interface SkynetChatMetadata {
  pinnedSlot?: string;
  answeredBy?: string;
  footer?: string;
  /** Set after a mid-stream failure: the slot that failed, so "Retry on next slot" can skip it. */
  failedSlot?: string;
  prompt?: string;
  /** The turn failed before any answer (the error and its fix buttons were its whole response). */
  failed?: boolean;
}

type Turn = vscode.ChatRequestTurn | vscode.ChatResponseTurn;

function isResponseTurn(turn: Turn): turn is vscode.ChatResponseTurn {
  return 'response' in turn;
}

/** Earlier turns of this conversation with @skynet → messages (our own footers left out). */
export function convertChatHistory(history: readonly Turn[], participantId: string): ChatMessage[] {
  const messages: ChatMessage[] = [];
  for (const turn of history) {
    if (turn.participant !== participantId) continue;
    if (!isResponseTurn(turn)) {
      if (turn.command) continue; // /status, /use: not part of the conversation
      messages.push({ role: 'user', content: [{ type: 'text', text: turn.prompt }] });
      continue;
    }
    if (turn.command === 'status' || turn.command === 'use') continue;
    const metadata = turn.result.metadata as SkynetChatMetadata | undefined;
    if (metadata?.failedSlot || metadata?.failed || turn.result.errorDetails) {
      // A failed exchange is not part of the conversation (a retry asks the same question again).
      if (messages.at(-1)?.role === 'user') messages.pop();
      continue;
    }
    const footer = metadata?.footer;
    let text = '';
    for (const part of turn.response) {
      const value = (part as { value?: unknown }).value;
      const markdown =
        value && typeof value === 'object' && typeof (value as { value?: unknown }).value === 'string'
          ? (value as { value: string }).value
          : undefined;
      if (markdown !== undefined) text += markdown;
    }
    // The workbench may merge our footer into the answer's last markdown part.
    if (footer && text.endsWith(footer)) text = text.slice(0, -footer.length);
    if (text) messages.push({ role: 'assistant', content: [{ type: 'text', text }] });
  }
  return messages;
}

/** The slot pinned with /use earlier in this conversation, if any (the latest pin wins; `/use auto` clears it). */
export function pinnedSlotOf(history: readonly Turn[]): string | undefined {
  for (let index = history.length - 1; index >= 0; index--) {
    const turn = history[index];
    if (!isResponseTurn(turn)) continue;
    const metadata = turn.result.metadata as SkynetChatMetadata | undefined;
    if (metadata && 'pinnedSlot' in metadata) return metadata.pinnedSlot || undefined;
  }
  return undefined;
}
