// The words a slot shows in the VS Code UI (Slots and Sign-ins trees, model picker, /status). Names come from
// skynet.toml or a server: control and bidi characters are shown as `<U+202E>` so a name cannot reorder or hide
// what is next to it, and a base_url never shows the credentials in its userinfo. No VS Code API here.
import type { SlotConfig } from '../../config/types';
import { displayUrl } from '../../util/displayUrl';
import { visibleName } from '../../util/terminalText';

type NamedSlot = Pick<SlotConfig, 'id' | 'displayName' | 'model' | 'kind' | 'baseUrl'>;

/** "<model> · <Provider>": the model picker's name for a slot. */
export function slotModelName(slot: Pick<SlotConfig, 'displayName' | 'model'>): string {
  return `${visibleName(slot.model)} · ${visibleName(slot.displayName)}`;
}

/** The model, and the provider's name when it says more than the id: /status's title for a slot. */
export function slotTitle(slot: Pick<SlotConfig, 'id' | 'displayName' | 'model'>): string {
  return slot.displayName && slot.displayName !== slot.id ? slotModelName(slot) : visibleName(slot.model);
}

/** The model picker's tooltip: which slot, which kind, which address. */
export function slotModelTooltip(slot: NamedSlot): string {
  return `Skynet slot "${visibleName(slot.id)}" (${slot.kind}) at ${visibleName(displayUrl(slot.baseUrl))}`;
}

/**
 * A Slots tree row: the id as label, "model · state" as description, and the tooltip's Markdown, in which every
 * name, address and state (from the file or a server) is `markdownText`. Render it with theme icons and trust off.
 */
export function slotTreeText(
  slot: NamedSlot,
  position: number,
  stateText: string,
  remote?: string,
): { label: string; description: string; tooltip: string } {
  const description = `${visibleName(slot.model)} · ${visibleName(stateText)}`;
  const paragraphs = [
    `**${markdownText(slot.displayName)}** (${slot.kind}), slot ${position + 1}`,
    markdownText(displayUrl(slot.baseUrl)),
    markdownText(description),
  ];
  if (remote) paragraphs.push(markdownText(remote));
  return { label: visibleName(slot.id), description, tooltip: paragraphs.join('\n\n') };
}

/**
 * Text from a file or a server inside Markdown: shown as written, never as a link, an autolink, emphasis, HTML, a
 * heading or a `$(icon)`. Every ASCII punctuation character is backslash-escaped (CommonMark shows an escaped
 * punctuation character literally), after `visibleName` made controls and bidi visible (one line, no reordering).
 */
export function markdownText(text: string): string {
  return visibleName(text).replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

/** A Sign-ins tree row: the provider's name as label, "<name> [<id>]" as the tooltip's first line. */
export function signInText(slot: Pick<SlotConfig, 'id' | 'displayName'>): { label: string; tooltipTitle: string } {
  const label = visibleName(slot.displayName);
  return { label, tooltipTitle: `${label} [${visibleName(slot.id)}]` };
}
