// Several keys per slot and keys for this workspace, driven through the real commands, quick picks and Secret
// Storage (issue 17 items 1-2): Set asks the scope, a workspace key wins, Add makes the slot's keys children in the
// Slots tree (last four characters only), a 429 on key 1 moves the same request to key 2, Clear removes one.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { FakeServer } from '../fakes/fakeServer';
import { currentWorkspaceKeyScope } from '../../src/host/credentials/workspaceKeyScope';
import { browser } from './browser';
import {
  askSlotModel,
  chatRequests,
  compatTable,
  fakeService,
  replyRateLimited,
  replyText,
  skynetApi,
  waitFor,
  writeConfig,
} from './support';
import type { SkynetApi } from '../../src/extension';
import type { SlotTreeItem } from '../../src/views/slotsTree';

const SLOT = 'keyring';
const ALL_KEY = 'sk-host-all-workspaces-0000aaaa';
const WORKSPACE_KEY = 'sk-host-this-workspace-1111wsk1';
const SECOND_KEY = 'sk-host-second-key-2222sec2';
const ROWS = '.quick-input-widget .quick-input-list .monaco-list-row .quick-input-list-row:first-child .label-name';
const INPUT = '.quick-input-widget .quick-input-box input';

/** Runs a key command the way a user does: picks the scope by its label, then types the key into the password box. */
async function enterKey(
  command: 'skynet.setApiKey' | 'skynet.addApiKey',
  scopeLabel: string,
  key: string,
): Promise<string[]> {
  const done = vscode.commands.executeCommand(command, SLOT);
  await browser.waitFor(`${ROWS}:has-text("${scopeLabel}")`);
  const offered = await browser.texts(ROWS);
  await browser.click(`.quick-input-widget .quick-input-list .monaco-list-row:has-text("${scopeLabel}")`);
  await browser.waitFor(`${INPUT}[type="password"]`);
  await browser.type(key);
  await browser.press('Enter');
  await done;
  return offered;
}

function slotItem(api: SkynetApi): SlotTreeItem {
  const item = api.slotsTree.getSlotItems().find((candidate) => candidate.slot.config.id === SLOT);
  assert.ok(item, `no ${SLOT} row in the Slots tree`);
  return item;
}

function tooltipOf(item: vscode.TreeItem): string {
  return typeof item.tooltip === 'string' ? item.tooltip : (item.tooltip?.value ?? '');
}

describe("API keys: several per slot, and this workspace's own", () => {
  let api: SkynetApi;
  let server: FakeServer;
  let scope: string;
  let rateLimitFirst = false;

  /** Every stored key of the slot, in both scopes, and their origin approvals. */
  async function forgetKeys(): Promise<void> {
    for (const suffix of ['', '#2', '#3', `@${scope}`, `@${scope}#2`, `@${scope}#3`]) {
      await api.secrets.delete(`skynet.apiKey.${SLOT}${suffix}`);
      await api.secrets.delete(`skynet.apiKey.${SLOT}${suffix}.origins`);
    }
  }

  before(async () => {
    api = await skynetApi();
    const workspaceScope = currentWorkspaceKeyScope();
    assert.ok(workspaceScope, 'the host window has no workspace identity');
    scope = workspaceScope;
    // The first key is rate-limited; every other key is answered.
    server = await fakeService((request, response) =>
      request.headers.authorization === `Bearer ${WORKSPACE_KEY}` && rateLimitFirst
        ? replyRateLimited(response)
        : replyText(response, 'answered by the fake'),
    );
    await forgetKeys();
    await writeConfig(api, compatTable(SLOT, server, 'model-keys'), [SLOT]);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await forgetKeys();
    await writeConfig(api, '', []);
    await server?.close();
  });

  it('Set API Key offers "All workspaces" / "This workspace only"; a workspace key is stored under its scope and wins', async () => {
    await vscode.commands.executeCommand('skynet.setApiKey', SLOT, ALL_KEY); // a key for all workspaces, no question asked
    assert.strictEqual(await api.secrets.get(`skynet.apiKey.${SLOT}`), ALL_KEY);

    const offered = await enterKey('skynet.setApiKey', 'This workspace only', WORKSPACE_KEY);
    assert.deepStrictEqual(offered, ['All workspaces', 'This workspace only']);
    assert.strictEqual(await api.secrets.get(`skynet.apiKey.${SLOT}@${scope}`), WORKSPACE_KEY);
    assert.strictEqual(
      await api.secrets.get(`skynet.apiKey.${SLOT}`),
      ALL_KEY,
      'the key for all workspaces was replaced',
    );

    await waitFor('the tree to name the workspace key', () =>
      tooltipOf(slotItem(api)).includes('API key for this workspace only'),
    );
    const before = chatRequests(server).length;
    assert.strictEqual(await askSlotModel(SLOT, 'which key?'), 'answered by the fake');
    const sent = chatRequests(server)
      .slice(before)
      .map((request) => request.headers.authorization);
    assert.deepStrictEqual(
      sent,
      [`Bearer ${WORKSPACE_KEY}`],
      'the workspace key did not win over the key for all workspaces',
    );
  });

  it('Add API Key adds a second key: the slot row opens to two key rows showing only the last four characters', async () => {
    await enterKey('skynet.addApiKey', 'This workspace only', SECOND_KEY);
    assert.strictEqual(await api.secrets.get(`skynet.apiKey.${SLOT}@${scope}#2`), SECOND_KEY);
    const item = await waitFor('the slot to list two keys', () => {
      const row = slotItem(api);
      return row.keys.length === 2 && row;
    });
    assert.strictEqual(item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    const children = api.slotsTree.getChildren(item);
    assert.deepStrictEqual(
      children.map((child) => child.label),
      [`key 1 …${WORKSPACE_KEY.slice(-4)}`, `key 2 …${SECOND_KEY.slice(-4)}`],
    );
    for (const child of [item, ...children]) {
      const shown = `${String(child.label)} ${String(child.description)} ${tooltipOf(child)}`;
      for (const key of [WORKSPACE_KEY, SECOND_KEY, ALL_KEY])
        assert.ok(!shown.includes(key.slice(-5)), `more than four characters of a key are shown: ${shown}`);
    }
    assert.match(tooltipOf(children[0]), /this workspace only/);
  });

  it('a 429 on key 1 sends the same request with key 2, and the answer arrives', async () => {
    rateLimitFirst = true;
    const before = chatRequests(server).length;
    assert.strictEqual(await askSlotModel(SLOT, 'rotate please'), 'answered by the fake');
    const sent = chatRequests(server)
      .slice(before)
      .map((request) => request.headers.authorization);
    assert.deepStrictEqual(sent, [`Bearer ${WORKSPACE_KEY}`, `Bearer ${SECOND_KEY}`]);
    const [first] = api.slotsTree.getChildren(slotItem(api));
    assert.match(String(first.description), /^cooling until .*\(429\)/);
  });

  it('Clear API Key removes the key picked by its last four characters; the other stays', async () => {
    const done = vscode.commands.executeCommand('skynet.clearApiKey', SLOT);
    await browser.waitFor(`${ROWS}:has-text("…${SECOND_KEY.slice(-4)}")`);
    await browser.click(
      `.quick-input-widget .quick-input-list .monaco-list-row:has-text("key 1 …${WORKSPACE_KEY.slice(-4)}")`,
    );
    await done;
    assert.strictEqual(await api.secrets.get(`skynet.apiKey.${SLOT}@${scope}`), SECOND_KEY);
    assert.strictEqual(await api.secrets.get(`skynet.apiKey.${SLOT}@${scope}#2`), undefined);
    assert.strictEqual(await api.secrets.get(`skynet.apiKey.${SLOT}`), ALL_KEY);
    const item = await waitFor('the slot to have one key again', () => {
      const row = slotItem(api);
      return row.keys.length === 0 && row;
    });
    assert.strictEqual(item.collapsibleState, vscode.TreeItemCollapsibleState.None);
    rateLimitFirst = false;
    const before = chatRequests(server).length;
    await askSlotModel(SLOT, 'which key now?');
    assert.deepStrictEqual(
      chatRequests(server)
        .slice(before)
        .map((request) => request.headers.authorization),
      [`Bearer ${SECOND_KEY}`],
    );
  });
});
