// Smoke tests against the installed .vsix: activation, models in vscode.lm, @skynet answering, the Slots view,
// and the CLI that ships inside the package.
import * as assert from 'node:assert';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import type { SkynetApi } from '../../../src/extension';
import type { FakeServer } from '../../fakes/fakeServer';
import {
  askSlotModel,
  chatRequests,
  compatTable,
  EXTENSION_ID,
  fakeService,
  replyText,
  screenshot,
  skynetApi,
  storeKey,
  waitFor,
  workspaceRoot,
  writeConfig,
} from '../support';

describe(`the installed .vsix on VS Code ${vscode.version}`, () => {
  let api: SkynetApi;
  let service: FakeServer;

  before(async () => {
    api = await skynetApi();
    service = await fakeService((request, response) => {
      const last = String(request.json.messages.at(-1).content);
      return replyText(
        response,
        last.includes('@skynet') || last.includes('hello') ? 'Hello from the installed Skynet.' : 'pong',
      );
    });
    await storeKey(api, 'sigma', 'sk-host-sigma-0123456789', service);
    await writeConfig(api, compatTable('sigma', service, 'fake-model-s'), ['sigma']);
  });

  after(() => service?.close());

  it('is loaded from the extensions folder, not from a development folder', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    assert.ok(
      process.env.SKYNET_HOST_INSTALLED,
      'run this suite through scripts/test-host.sh (SKYNET_HOST_SUITES=installed)',
    );
    assert.strictEqual(path.basename(extension.extensionPath), `${EXTENSION_ID}-${extension.packageJSON.version}`);
    assert.strictEqual(extension.extensionKind, vscode.ExtensionKind.Workspace);
    assert.ok(!fs.existsSync(path.join(extension.extensionPath, 'src')), 'the sources were packaged');
    assert.ok(extension.isActive);
    assert.strictEqual(api.chatSurfaces.states[0].available, true, 'the models surface');
  });

  it('serves its models through vscode.lm', async () => {
    assert.strictEqual(await askSlotModel('sigma', 'ping'), 'pong');
  });

  it('@skynet answers in the chat view', async function () {
    // The harness says whether this code-server has a chat extension (4.139's built-in Copilot Chat; 4.104 has none).
    if (!process.env.SKYNET_HOST_CHAT_EXTENSION) {
      // VS Code 1.104 as code-server ships it has no chat extension, so no chat view (the chat-less suite covers it).
      console.log(
        `[skynet-test] skipped: VS Code ${vscode.version} here has no chat extension, so no chat view to ask @skynet in`,
      );
      return this.skip();
    }
    assert.strictEqual(api.chatSurfaces.notice, undefined);
    await vscode.commands.executeCommand('workbench.action.chat.open');
    await new Promise((resolve) => setTimeout(resolve, 1000)); // a query sent before the view has its models is dropped
    const before = chatRequests(service).length;
    const answered = api.tracker.last?.at ?? 0;
    await vscode.commands.executeCommand('workbench.action.chat.open', {
      query: '@skynet hello, which models can you reach?',
    });
    await waitFor('@skynet to ask the fake service', () => chatRequests(service)[before], 20_000).catch(
      async (error) => {
        await screenshot('installed-chat-timeout');
        throw error;
      },
    );
    await waitFor('the answer to finish', () => (api.tracker.last?.at ?? 0) > answered, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 800));
    await screenshot(`readme-chat-${vscode.version}`);
  });

  it('shows the slots in the Slots view', async () => {
    assert.deepStrictEqual(
      api.slotsTree.getChildren().map((item) => item.label),
      ['sigma'],
    );
    await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar').then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.view.extension.skynet');
    await new Promise((resolve) => setTimeout(resolve, 800));
    await screenshot(`readme-slots-${vscode.version}`);
  });

  it('ships a working skynet CLI (dist/cli.js)', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        path.join(extension.extensionPath, 'dist', 'cli.js'),
        'check',
        '--config',
        path.join(workspaceRoot(), 'skynet.toml'),
      ],
      {
        env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
        timeout: 20_000,
      },
    );
    assert.doesNotMatch(stdout, /error/i);
  });
  it('reads dist/bedrock.js, the Bedrock family file, when a Bedrock slot is configured', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    for (const family of ['bedrock.js', 'vertex.js'])
      assert.ok(fs.existsSync(path.join(extension.extensionPath, 'dist', family)), `${family} is not installed`);
    const sigma = compatTable('sigma', service, 'fake-model-s');
    await writeConfig(api, `${sigma}\n[providers.bedrock]\nregion = "us-east-1"\n`, ['sigma', 'bedrock']);
    try {
      const bedrock = api.service.router!.slots.find((slot) => slot.config.id === 'bedrock')!;
      // Its preflight (the AWS credential chain) runs from bedrock.js: ready with credentials, else it says which
      // it looked for. A file that did not load would be 'failed-to-start'.
      assert.ok(
        bedrock.unavailableCode === undefined || bedrock.unavailableCode === 'needs-credentials',
        `${bedrock.unavailableCode}: ${bedrock.unavailableReason}`,
      );
      if (bedrock.unavailableCode) assert.match(String(bedrock.unavailableReason), /AWS/);
    } finally {
      await writeConfig(api, sigma, ['sigma']);
    }
  });
});
