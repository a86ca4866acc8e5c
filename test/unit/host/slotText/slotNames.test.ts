import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  markdownText,
  signInText,
  slotModelName,
  slotModelTooltip,
  slotTitle,
  slotTreeText,
} from '../../../../src/host/slotText/slotNames';
import { slotModelInformation } from '../../../../src/host/languageModel/modelInfo';
import { slotConfig } from '../../../fakes/scriptedClient';

const RLO = '\u202e';
const SNEAKY = {
  ...slotConfig('evil'),
  displayName: `Safe${RLO}lmth.exe`,
  model: `gpt\u2066-5\x1b[31m\nred`,
  baseUrl: 'https://alice:hunter2-pass@gw.example.com/v1',
};

/** Every bidi and control character a name could carry. */
function assertInert(text: string): void {
  assert.doesNotMatch(text, /[\u202a-\u202e\u2066-\u2069\x00-\x09\x0b-\x1f\x7f-\x9f]/, JSON.stringify(text));
}

describe('slot names in the VS Code UI', () => {
  it('shows bidi overrides and control characters in names as <U+XXXX>, visibly', () => {
    assert.equal(slotModelName(SNEAKY), 'gpt<U+2066>-5<U+001B>[31m<U+000A>red · Safe<U+202E>lmth.exe');
    assert.equal(slotModelInformation(SNEAKY).name, slotModelName(SNEAKY), 'the model picker uses it');
    assert.equal(slotTitle(SNEAKY), slotModelName(SNEAKY));
    const tree = slotTreeText(SNEAKY, 0, 'ready');
    for (const text of [
      tree.label,
      tree.description,
      tree.tooltip,
      signInText(SNEAKY).label,
      signInText(SNEAKY).tooltipTitle,
      slotModelTooltip(SNEAKY),
    ])
      assertInert(text.replace(/\n/g, ' '));
    assert.ok(tree.tooltip.startsWith('**Safe\\<U\\+202E\\>lmth\\.exe**'), tree.tooltip);
    assert.equal(slotTreeText({ ...SNEAKY, id: 'ok' }, 0, 'ready').label, 'ok', 'plain names are unchanged');
  });

  it("never shows the credentials of a base_url's userinfo in the tree tooltip or the picker tooltip", () => {
    const tree = slotTreeText(SNEAKY, 2, 'ready · 12 ms');
    assert.ok(!tree.tooltip.includes('hunter2') && !tree.tooltip.includes('alice'), tree.tooltip);
    assert.ok(tree.tooltip.includes(markdownText('https://***@gw.example.com/v1')), tree.tooltip);
    assert.ok(!slotModelTooltip(SNEAKY).includes('hunter2'));
    assert.ok(!slotModelInformation(SNEAKY).tooltip!.includes('hunter2'));
  });

  it('escapes Markdown in the tree tooltip: a model, address or state from the file or a server makes no link, icon or HTML', () => {
    const hostile = {
      ...SNEAKY,
      displayName: 'Anthropic](command:workbench.action.terminal.new)',
      model: '[Re-authenticate](https://phish.example/login) $(warning) <img src=x onerror=alert(1)>',
    };
    const tree = slotTreeText(
      hostile,
      0,
      'unavailable: see [docs](command:skynet.setApiKey) _now_',
      'Remote window: `ssh`',
    );
    // Every ASCII punctuation character from outside is backslash-escaped: no `[`, `](`, `$(`, `<`, `_` or backtick can act.
    const unescaped = tree.tooltip
      .replace(/^\*\*/, '')
      .replace(/\*\* \(openai-compat\), slot 1/, '')
      .replace(/\\[!-/:-@[-`{-~]/g, '');
    assert.doesNotMatch(unescaped, /[[\]()<>$`_*:]/, unescaped);
    assert.ok(!tree.tooltip.includes('](') && !tree.tooltip.includes('$('), tree.tooltip);
    assert.equal(
      markdownText('a_b [c](d) $(e) <f> https://g.example'),
      'a\\_b \\[c\\]\\(d\\) \\$\\(e\\) \\<f\\> https\\:\\/\\/g\\.example',
    );
    assert.equal(
      markdownText('line\nbreak'),
      'line\\<U\\+000A\\>break',
      'one paragraph: a newline cannot start a heading or a list',
    );
  });

  it('is what the Slots and Sign-ins trees and /status build their rows from', () => {
    const source = (file: string) => fs.readFileSync(path.join(__dirname, '../../../../../src', file), 'utf8');
    assert.match(source('views/slotsTree.ts'), /slotTreeText\(/);
    assert.doesNotMatch(source('views/slotsTree.ts'), /config\.baseUrl/);
    assert.match(
      source('views/slotsTree.ts'),
      /new vscode\.MarkdownString\(text\.tooltip, false\)/,
      'the tooltip renders no theme icons and is not trusted (no command links)',
    );
    assert.match(source('views/signInsTree.ts'), /signInText\(/);
    assert.match(source('host/participant/participantCommands.ts'), /slotTitle\(/);
  });
});
