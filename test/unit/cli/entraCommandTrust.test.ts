import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCliInProcess, type CliRun } from '../../fakes/cliRunner';
import { azureOpenAIHandler } from '../../fakes/azureOpenAI';
import { startFakeServer, type FakeServer } from '../../fakes/fakeServer';

const TOKEN = 'eyJ.entra-token-of-the-user';

/**
 * Stands in for `az account get-access-token`: leaves a mark that it ran (what a hostile command would do with the
 * user's shell rights), then prints a token the fake Azure resource accepts.
 */
const SCRIPT = `require('node:fs').appendFileSync(process.argv[2], 'ran\\n');
console.log(JSON.stringify({ accessToken: ${JSON.stringify(TOKEN)}, expires_on: Math.floor(Date.now() / 1000) + 3600 }));
`;

/**
 * `entra_command` runs a program with the user's rights and sign-ins, like AWS `credential_process`: a repository's
 * ./skynet.toml that sets one is restricted until `skynet trust`, so the command never runs before the user approved
 * the file (src/trust/workspaceTrust.ts through the Azure descriptor's userCredential; src/cli/context.ts).
 */
describe("skynet CLI: a repository's entra_command runs only after skynet trust", () => {
  let server: FakeServer;
  let dir: string;
  let marker: string;

  function run(argv: string[]): Promise<CliRun> {
    return runCliInProcess(argv, { cwd: dir, env: {} });
  }

  beforeEach(async () => {
    server = await startFakeServer(azureOpenAIHandler({ tokens: [TOKEN], deployments: ['gpt-5.5'] }));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skynet-entra-trust-'));
    marker = path.join(dir, 'entra-command-ran');
    fs.writeFileSync(path.join(dir, 'az.js'), SCRIPT);
    const command = `"${process.execPath}" "${path.join(dir, 'az.js')}" "${marker}"`;
    fs.writeFileSync(
      path.join(dir, 'skynet.toml'),
      `[providers.azure]\nbase_url = "${server.url}"\nmodel = "gpt-5.5"\nentra_command = ${JSON.stringify(command)}\n`,
    );
  });
  afterEach(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('chat, slots and models leave the command unrun and send nothing; the notice names the slot and skynet trust', async () => {
    const chat = await run(['chat', 'hi']);
    assert.equal(chat.code, 1);
    assert.match(chat.stderr, /is not trusted.*disabled: azure\. Review the file, then run: skynet trust$/m);
    for (const argv of [['slots'], ['models'], ['chat', '--slot', 'azure', 'hi']]) await run(argv);
    assert.equal(fs.existsSync(marker), false, 'the entra_command ran without approval');
    assert.equal(server.requests.length, 0);
  });

  it('skynet trust names the command before anything runs; then it runs once and its token reaches the resource', async () => {
    const trusted = await run(['trust']);
    assert.equal(trusted.code, 0, trusted.stderr);
    assert.match(trusted.stdout, /\[azure\] your Microsoft Entra sign-in through `.*node.*`/);
    assert.equal(fs.existsSync(marker), false, 'trust itself ran the command');
    const chat = await run(['chat', 'hi']);
    assert.equal(chat.code, 0, chat.stderr);
    assert.equal(fs.readFileSync(marker, 'utf8'), 'ran\n');
    assert.equal(server.requests[0].url, '/openai/v1/chat/completions');
    assert.equal(server.requests[0].headers.authorization, `Bearer ${TOKEN}`);
    assert.ok(!chat.stderr.includes(TOKEN) && !trusted.stdout.includes(TOKEN));
  });
});
