import type { ChatEvent, ChatMessage } from '../types';

/**
 * Gemini's thought signatures by tool-call id, for callers whose history cannot carry them (VS Code's
 * LanguageModelToolCallPart has no field for one): a later request that sends the call back without its
 * signature gets it from here. Bounded: the oldest entries go first.
 */
export class ThoughtSignatureMemory {
  private readonly signatures = new Map<string, string>();

  constructor(private readonly limit = 512) {}

  remember(event: ChatEvent): void {
    if (event.type !== 'tool-call' || !event.signature) return;
    this.signatures.delete(event.id);
    this.signatures.set(event.id, event.signature);
    if (this.signatures.size > this.limit) this.signatures.delete(this.signatures.keys().next().value as string);
  }

  /** The messages with each remembered signature put back on its tool call (others untouched). */
  fill(messages: ChatMessage[]): ChatMessage[] {
    if (this.signatures.size === 0) return messages;
    return messages.map((message) => {
      if (!message.content.some((part) => part.type === 'tool-call' && !part.signature && this.signatures.has(part.id)))
        return message;
      return {
        ...message,
        content: message.content.map((part) =>
          part.type === 'tool-call' && !part.signature && this.signatures.has(part.id)
            ? { ...part, signature: this.signatures.get(part.id) }
            : part,
        ),
      };
    });
  }
}
