// Text from servers and files on its way to a terminal: escape sequences and control characters would let a
// server recolour, rewrite or hide what the user reads; bidi overrides would reorder it.

/** CSI (`ESC [ … final`), OSC (`ESC ] … BEL|ST`) and two-character escape sequences. */
const ESCAPE_SEQUENCE = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])/g;
/** C0 controls except tab and newline, DEL, and C1 controls. */
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
/** Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). */
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;

/** `text` safe to print: escape sequences and control characters removed, bidi controls shown as `<U+202E>`. */
export function printableText(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(CONTROL, '').replace(BIDI, codePointTag);
}

/** A code point as the user can read it: `<U+202E>`. */
function codePointTag(char: string): string {
  return `<U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`;
}

/**
 * A name from a file or a server (slot id, display name, model) for a UI label: control characters (tab and newline
 * included: a label is one line) and bidi controls shown as `<U+202E>` instead of acting.
 */
export function visibleName(text: string): string {
  return text.replace(/[\x00-\x1f\x7f-\x9f]/g, codePointTag).replace(BIDI, codePointTag);
}

/**
 * A name from a file or a server inside a label that renders `$(icon)` (quick pick label, description, detail):
 * `visibleName`, and `$(` escaped as `\$(` so VS Code shows it as written instead of drawing an icon.
 */
export function iconLabelText(text: string): string {
  return visibleName(text).replace(/\$\(/g, '\\$(');
}

/**
 * A name or a server's words inside a VS Code notification: `visibleName`, and no `[label](target)` link, which a
 * notification draws and opens with commands allowed (`command:` included: VS Code's notificationsViewer.ts opens
 * links with `allowCommands: true`, checked 2026-12-05). A space between `]` and `(` shows the text as written.
 */
export function notificationText(text: string): string {
  return visibleName(text).replace(/\]\(/g, '] (');
}
