// Add Provider in the real workbench: one quick pick of every provider under group separators, narrowed by what
// the user types (name, id, auth, "local"), and the chosen provider written to skynet.toml as a slot.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SkynetApi } from '../../src/extension';
import { listProviders } from '../../src/providers/providerList';
import { browser } from './browser';
import { screenshot, skynetApi, waitFor, workspaceRoot, writeConfig } from './support';

const LIST = '.quick-input-widget .quick-input-list';
const SEPARATORS = `${LIST} .quick-input-list-separator`;
/** The label of each visible row (its first line; the detail below it is a label too). */
const NAMES = `${LIST} .monaco-list-row .quick-input-list-row:first-child .label-name`;
const INPUT = '.quick-input-widget .quick-input-box input';

/**
 * The group titles in list order. The list draws only the rows in view and VS Code shows a group's title beside
 * its first row, and none while filtering: page down through the whole unfiltered list and collect them.
 */
async function groupTitles(last: string): Promise<string[]> {
  const titles: string[] = [];
  for (let page = 0; page < 40 && !titles.includes(last); page++) {
    for (const title of await browser.texts(SEPARATORS))
      if (title.trim() && !titles.includes(title.trim())) titles.push(title.trim());
    await browser.press('PageDown');
  }
  return titles;
}

async function typeInPick(text: string): Promise<void> {
  await browser.press('Control+A');
  await browser.type(text);
}

describe('Add Provider (the quick pick)', () => {
  let api: SkynetApi;
  let file: string;
  let original: string;

  before(async () => {
    api = await skynetApi();
    file = path.join(workspaceRoot(), 'skynet.toml');
    await api.secrets.delete('skynet.apiKey.groq');
    await writeConfig(api, '# my own comment\n', []);
    original = fs.readFileSync(file, 'utf8');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await api.secrets.delete('skynet.apiKey.groq');
    await writeConfig(api, '', []);
  });

  it('groups every provider, narrows to what is typed, and writes the chosen one as a slot', async () => {
    const added = vscode.commands.executeCommand<string | undefined>('skynet.addProvider');
    await browser.waitFor(`${INPUT}:focus`);
    await browser.waitFor(`${SEPARATORS}:has-text("Cloud APIs")`);
    await screenshot('add-provider-groups');
    assert.deepStrictEqual(await groupTitles('Any other server'), [
      'Cloud APIs',
      'Gateways',
      'Local servers',
      'Sign-in services',
      'Any other server',
    ]);

    // Typing filters on the detail too: "local server" leaves exactly the local servers (separators hide while filtering).
    await typeInPick('local server');
    const localNames = listProviders()
      .filter((provider) => provider.local)
      .map((provider) => provider.service)
      .sort();
    await waitFor(
      'only the local servers',
      async () => JSON.stringify((await browser.texts(NAMES)).sort()) === JSON.stringify(localNames),
      10_000,
    ).catch(async (error: Error) =>
      assert.fail(`${error.message}: ${(await browser.texts(NAMES)).join(', ')} instead of ${localNames.join(', ')}`),
    );

    // A sign-in is found by how it authenticates.
    await typeInPick('device flow');
    await waitFor(
      'the device-flow sign-ins',
      async () => (await browser.texts(NAMES)).sort().join(',') === 'GitHub Copilot,Qwen (sign-in)',
      10_000,
    );

    // By id: only Groq is left; choosing it asks for the key and the model, and writes the slot.
    await typeInPick('groq');
    await waitFor('only Groq to be listed', async () => (await browser.texts(NAMES)).join(',') === 'Groq', 10_000);
    await screenshot('add-provider-filtered');
    await browser.press('Enter');
    await browser.waitFor('.quick-input-widget .quick-input-box input[type="password"]');
    await browser.type('gsk_host-add-provider-0123456789');
    await browser.press('Enter');
    await browser.waitFor(`.quick-input-widget .quick-input-message:has-text("Model")`);
    await browser.press('Enter'); // the default model, prefilled

    assert.strictEqual(await added, 'groq');
    const after = fs.readFileSync(file, 'utf8');
    assert.ok(after.startsWith(original), 'the existing text changed');
    assert.match(after.slice(original.length), /^\n?\[\[providers\.openai_compat\]\]\nid = "groq"\nmodel = "[^"]+"\n$/);
    assert.ok(!after.includes('gsk_host'), 'the key was written to the file');
    assert.strictEqual(await api.secrets.get('skynet.apiKey.groq'), 'gsk_host-add-provider-0123456789');
    await waitFor('the groq slot', () => api.service.router?.slots.find((slot) => slot.config.id === 'groq'));
  });
});
