// An Azure slot whose table sets `entra_command`, in an UNTRUSTED workspace (Restricted Mode): the command runs a
// program with the user's sign-ins, so the repository's file may not start it. No client is built, nothing is
// offered in vscode.lm, Test Slots and a pinned request are refused with the reason, and the command never runs.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SkynetApi } from '../../../src/extension';
import { azureOpenAIHandler } from '../../fakes/azureOpenAI';
import { startFakeServer, type FakeServer } from '../../fakes/fakeServer';
import { skynetApi, writeConfig } from '../support';

const TOKEN = 'eyJ.entra-token-the-repository-wants';

describe('restricted mode: an Azure entra_command is never run', () => {
  let api: SkynetApi;
  let server: FakeServer;
  let dir: string;
  let marker: string;

  before(async () => {
    assert.strictEqual(vscode.workspace.isTrusted, false, 'the harness should open this workspace untrusted');
    api = await skynetApi();
    server = await startFakeServer(azureOpenAIHandler({ tokens: [TOKEN], deployments: ['gpt-5.5'] }));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skynet-host-entra-'));
    marker = path.join(dir, 'entra-command-ran');
    // Run, it would leave a mark and print a token the fake accepts (test/unit/cli/entraCommandTrust.test.ts runs it).
    fs.writeFileSync(
      path.join(dir, 'az.js'),
      `require('node:fs').appendFileSync(process.argv[2], 'ran');\nconsole.log(JSON.stringify({ accessToken: '${TOKEN}' }));\n`,
    );
    const command = `"${process.execPath}" "${path.join(dir, 'az.js')}" "${marker}"`;
    await writeConfig(
      api,
      `[providers.azure]\nbase_url = "${server.url}"\nmodel = "gpt-5.5"\nentra_command = ${JSON.stringify(command)}\n`,
      ['azure'],
    );
  });

  after(async () => {
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('builds no client, names the Entra sign-in in the reason, and offers no model', async () => {
    const slot = api.service.router!.slots.find((candidate) => candidate.config.id === 'azure')!;
    assert.strictEqual(slot.client, undefined);
    assert.match(slot.unavailableReason ?? '', /^workspace not trusted: .*Microsoft Entra sign-in through `/);
    const ids = (await vscode.lm.selectChatModels({ vendor: 'skynet' })).map((model) => model.id);
    assert.ok(!ids.includes('slot:azure'), `the withheld slot is offered: ${ids.join(', ')}`);
  });

  it('Test Slots and a request pinned to the slot are refused; the command never ran and nothing was sent', async () => {
    const results = await vscode.commands.executeCommand<Array<{ slot: string; ok: boolean; message: string }>>(
      'skynet.testSlots',
      'azure',
      { silent: true },
    );
    assert.deepStrictEqual(
      results.map((result) => [result.slot, result.ok]),
      [['azure', false]],
    );
    assert.match(results[0].message, /workspace not trusted/);
    await assert.rejects(
      api.service.router!.send(
        { messages: [{ role: 'user', content: [{ type: 'text', text: 'q' }] }] },
        { slotId: 'azure' },
      ),
      /workspace not trusted/,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.strictEqual(fs.existsSync(marker), false, 'the entra_command ran in an untrusted workspace');
    assert.strictEqual(server.requests.length, 0);
  });
});
