// Which chat references VS Code adds by itself rather than the user. No VS Code API here (unit-tested in Node).

/**
 * Reference ids the built-in chat attaches to requests on its own once it is active: the customizations (skills)
 * index and instruction files. Checked in the workbench of VS Code 1.139.1 (code-server 4.139.1, checked
 * 2026-12-05): `vscode.customizations.index` ("Chat customizations index", ~4.5 KB a turn) and
 * `vscode.instructions.file.root__<uri>` / `vscode.instructions.file.reference__<uri>`. The extension API does not
 * expose the workbench's `automaticallyAdded` flag, so the ids decide. What stays: files and selections the user
 * attached, the current-file / selection chip (`vscode.implicit.*`, which the user sees and can switch off), prompt
 * files the user ran, and anything typed into the prompt as #reference.
 */
const AUTOMATIC_ID_PREFIXES = ['vscode.customizations.', 'vscode.instructions.'];

export function isAutomaticReference(id: string): boolean {
  return AUTOMATIC_ID_PREFIXES.some((prefix) => id.startsWith(prefix));
}
