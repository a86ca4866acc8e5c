import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  reasoningChoiceFromSetting,
  reasoningFromModelOptions,
} from '../../../../src/host/chatSurfaces/reasoningOption';

describe('reasoning from VS Code: the skynet.reasoning setting and vscode.lm modelOptions', () => {
  it('the setting: set nowhere (default off) makes no choice, so skynet.toml applies; set to off it is a choice that overrules the file', () => {
    assert.equal(reasoningChoiceFromSetting(undefined, true), undefined);
    assert.equal(reasoningChoiceFromSetting({}, true), undefined);
    assert.equal(reasoningChoiceFromSetting({ globalValue: 'off' }, true), false);
    assert.deepEqual(reasoningChoiceFromSetting({ globalValue: 'high' }, true), { effort: 'high' });
    assert.equal(reasoningChoiceFromSetting({ globalValue: 'lots' }, true), undefined);
    assert.equal(reasoningChoiceFromSetting({ globalValue: 3 }, true), undefined);
  });

  it('the setting: the most specific level wins; workspace levels count only in a trusted workspace', () => {
    assert.deepEqual(reasoningChoiceFromSetting({ globalValue: 'low', workspaceValue: 'medium' }, true), {
      effort: 'medium',
    });
    assert.deepEqual(
      reasoningChoiceFromSetting({ globalValue: 'low', workspaceValue: 'medium', workspaceFolderValue: 'off' }, true),
      false,
    );
    assert.deepEqual(
      reasoningChoiceFromSetting({ globalValue: 'low', workspaceValue: 'high', workspaceFolderValue: 'high' }, false),
      { effort: 'low' },
    );
    assert.equal(reasoningChoiceFromSetting({ workspaceValue: 'high' }, false), undefined);
    assert.equal(reasoningChoiceFromSetting({ workspaceValue: 'off' }, false), undefined);
  });

  it('modelOptions: reasoning as a word, a number, an object; reasoningEffort / reasoning_effort', () => {
    assert.equal(reasoningFromModelOptions(undefined), undefined);
    assert.equal(reasoningFromModelOptions({ maxTokens: 100 }), undefined);
    assert.deepEqual(reasoningFromModelOptions({ reasoning: 'Medium' }), { effort: 'medium' });
    assert.deepEqual(reasoningFromModelOptions({ reasoning: '8000' }), { budgetTokens: 8000 });
    assert.deepEqual(reasoningFromModelOptions({ reasoning: 12000 }), { budgetTokens: 12000 });
    assert.deepEqual(reasoningFromModelOptions({ reasoning: { effort: 'low' } }), { effort: 'low' });
    assert.deepEqual(reasoningFromModelOptions({ reasoning: { budgetTokens: 5000 } }), { budgetTokens: 5000 });
    assert.deepEqual(reasoningFromModelOptions({ reasoning: { effort: 'high', budget_tokens: 20000 } }), {
      effort: 'high',
      budgetTokens: 20000,
    });
    assert.deepEqual(reasoningFromModelOptions({ reasoningEffort: 'high' }), { effort: 'high' });
    assert.deepEqual(reasoningFromModelOptions({ reasoning_effort: 'low' }), { effort: 'low' });
  });

  it('modelOptions: reasoning "off" (or false) is the caller\'s choice of none, which overrules skynet.toml', () => {
    assert.equal(reasoningFromModelOptions({ reasoning: 'off' }), false);
    assert.equal(reasoningFromModelOptions({ reasoning: 'OFF' }), false);
    assert.equal(reasoningFromModelOptions({ reasoning: false }), false);
  });

  it('modelOptions it cannot read ask for nothing instead of failing the caller', () => {
    for (const reasoning of ['xhigh', -1, 1.5, {}, { effort: 'max' }, { budgetTokens: 0 }, null, true]) {
      assert.equal(reasoningFromModelOptions({ reasoning }), undefined, JSON.stringify(reasoning));
    }
    assert.equal(reasoningFromModelOptions({ reasoningEffort: 'minimal' }), undefined);
  });

  it('package.json declares skynet.reasoning off|low|medium|high, default off, ignored in untrusted workspaces', () => {
    const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../../package.json'), 'utf8'));
    const setting = pkg.contributes.configuration.properties['skynet.reasoning'];
    assert.deepEqual(setting.enum, ['off', 'low', 'medium', 'high']);
    assert.equal(setting.default, 'off');
    assert.ok(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('skynet.reasoning'));
  });
});
