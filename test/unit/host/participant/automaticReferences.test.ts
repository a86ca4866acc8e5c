import * as assert from 'node:assert/strict';
import { isAutomaticReference } from '../../../../src/host/participant/automaticReferences';

describe('automatic chat references', () => {
  it('leaves out what the chat adds by itself: the customizations index and instruction files', () => {
    assert.equal(isAutomaticReference('vscode.customizations.index'), true);
    assert.equal(
      isAutomaticReference('vscode.instructions.file.root__file:///ws/.github/copilot-instructions.md'),
      true,
    );
    assert.equal(isAutomaticReference('vscode.instructions.file.reference__file:///ws/a.instructions.md'), true);
  });

  it('keeps what the user attached or sees: files, the current-file and selection chips, prompt files, #references', () => {
    for (const id of [
      'file:///ws/notes.md',
      'vscode.implicit.file',
      'vscode.implicit.selection',
      'vscode.selection',
      'vscode.prompt.file__file:///ws/p.prompt.md',
      'copilot.terminalLastCommand',
    ]) {
      assert.equal(isAutomaticReference(id), false, id);
    }
  });
});
