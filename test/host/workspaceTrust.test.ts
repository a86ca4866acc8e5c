// Granting workspace trust, driven through ConfigService's trust seam (the trusted run cannot grant trust, and
// the untrusted run cannot either without clicking through the Workspace Trust editor).
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { SkynetApi } from '../../src/extension';
import { ConfigService } from '../../src/host/configService/configService';
import { SecretCredentialStore } from '../../src/host/credentials/secretCredentialStore';
import { silentLogger } from '../../src/util/logger';
import { Redactor } from '../../src/util/redact';
import type { FakeServer } from '../fakes/fakeServer';
import { compatTable, fakeService, replyText, skynetApi, storeKey, waitFor, writeConfig } from './support';

class MemoryMemento implements vscode.Memento {
  private readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, defaultValue?: T): T | undefined {
    return (this.values.has(key) ? this.values.get(key) : defaultValue) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, value);
  }
}

describe('workspace trust granted (through the ConfigService seam)', () => {
  let api: SkynetApi;
  let server: FakeServer;
  let untrusted: ConfigService | undefined;

  before(async () => {
    api = await skynetApi();
    server = await fakeService((_request, response) => replyText(response, 'trusted now'));
    await storeKey(api, 'kappa', 'sk-host-kappa-0123456789', server);
    await writeConfig(api, compatTable('kappa', server, 'kappa-model'), ['kappa']);
  });

  after(async () => {
    untrusted?.dispose();
    await server?.close();
  });

  it('disables the stored-key slot while untrusted and serves it once trust is granted, without a window reload', async () => {
    const granted = new vscode.EventEmitter<void>();
    let trusted = false;
    const state = new MemoryMemento();
    await state.update('skynet.configSource', 'user'); // granting trust returns to the workspace's own file
    untrusted = new ConfigService({
      credentials: new SecretCredentialStore(api.secrets, new Redactor()),
      logger: silentLogger,
      env: {},
      state,
      trust: {
        get isTrusted() {
          return trusted;
        },
        onDidGrant: granted.event,
      },
    });
    await untrusted.useSource('workspace');
    assert.strictEqual(untrusted.restricted, true);
    assert.strictEqual(untrusted.router?.slots[0].client, undefined);
    assert.match(untrusted.router?.slots[0].unavailableReason ?? '', /^workspace not trusted/);
    await state.update('skynet.configSource', 'user');
    trusted = true;
    granted.fire();
    await waitFor('kappa usable after the grant', () => untrusted!.router?.slots[0].client);
    assert.strictEqual(untrusted.source, 'workspace');
    assert.strictEqual(untrusted.restricted, false);
    assert.strictEqual(untrusted.untrustedSlots.size, 0);
    const answer = await untrusted.router!.send({
      messages: [{ role: 'user', content: [{ type: 'text', text: 'q' }] }],
    });
    assert.strictEqual(answer.slot, 'kappa');
    assert.strictEqual(server.requests.at(-1)?.headers.authorization, 'Bearer sk-host-kappa-0123456789');
    granted.dispose();
  });
});
