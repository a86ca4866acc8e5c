import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseConfig } from '../../support/config';
import { runCliInProcess, runTrustedCli } from '../../fakes/cliRunner';
import { startKeyedServer, type KeyedServer } from '../../fakes/keyedServer';

const A1 = 'gsk-client-a-one-00000000a111';
const A2 = 'gsk-client-a-two-00000000a222';
const B1 = 'gsk-client-b-one-00000000b111';
const MINE = 'gsk-mine-global-000000000mmmm';
const ENV = { ACME_GROQ_1: A1, ACME_GROQ_2: A2, BETA_GROQ: B1, GROQ_API_KEY: MINE };

describe('skynet CLI: keys per project from [projects."<dir>"] in the user\'s own file', () => {
  let dir: string;
  let server: KeyedServer;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skynet-projects-'));
    server = await startKeyedServer({ [A1]: 'ok', [A2]: 'ok', [B1]: 'ok', [MINE]: 'ok' });
    fs.mkdirSync(path.join(dir, 'home', '.skynet'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'home', '.skynet', 'skynet.toml'),
      `[projects."${path.join(dir, 'clients', 'acme')}"]\ngroq = ["\${env:ACME_GROQ_1}", "\${env:ACME_GROQ_2}"]\n\n[projects."~/../clients/beta"]\ngroq = "\${env:BETA_GROQ}"\n`,
    );
    for (const project of ['acme', 'beta', 'gamma']) {
      fs.mkdirSync(path.join(dir, 'clients', project, 'src'), { recursive: true });
      fs.writeFileSync(
        path.join(dir, 'clients', project, 'skynet.toml'),
        `[[providers.openai_compat]]\nid = "groq"\nbase_url = "${server.url}/v1"\nmodel = "m"\n`,
      );
    }
  });
  afterEach(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // The runner's home is <cwd>/home: run from `dir`, naming each project's file (its directory is the project).
  const chat = (project: string) =>
    runTrustedCli(['chat', '--json', '--config', path.join('clients', project, 'skynet.toml'), 'hi'], {
      cwd: dir,
      env: ENV,
    });

  it("a project uses its own table's keys, rotating within them; another project never carries them", async () => {
    server.answer(A1, { status: 429, retryAfterSeconds: 30 });
    const acme = await chat('acme');
    assert.equal(acme.code, 0, acme.stderr);
    assert.deepEqual(server.keysSeen(), [A1, A2], acme.stderr);
    assert.match(acme.stdout, /"type":"key-rotated","slot":"groq","fromKey":1,"toKey":2/);
    assert.deepEqual(server.keysSeen(), [A1, A2]);

    const beta = await chat('beta');
    assert.equal(beta.code, 0, beta.stderr);
    const gamma = await chat('gamma');
    assert.equal(gamma.code, 0, gamma.stderr);
    // beta: its own key alone; gamma (no table): the user's GROQ_API_KEY. Neither ever sends acme's keys.
    assert.deepEqual(server.keysSeen().slice(2), [B1, MINE]);
    for (const output of [acme, beta, gamma])
      for (const key of Object.values(ENV)) assert.ok(!(output.stdout + output.stderr).includes(key));
  });

  it('an untrusted project file gets none of the keys (restricted mode withholds the slot)', async () => {
    const run = await runCliInProcess(['chat', '--config', path.join('clients', 'acme', 'skynet.toml'), 'hi'], {
      cwd: dir,
      env: ENV,
    });
    assert.notEqual(run.code, 0);
    assert.deepEqual(server.keysSeen(), []);
  });

  it('refuses a key written in the table itself, at line:column: only ${env:NAME} stays bound to the provider', () => {
    const result = parseConfig(
      '[projects."/work/acme"]\ngroq = "gsk-literal-000000000000"\nopenai = ["${env:A}", 3]\n',
      'skynet.toml',
      {},
      '/home/me',
    );
    assert.ok(!result.ok);
    assert.deepEqual(
      result.errors.map((error) => `${error.line}:${error.column}`),
      ['2:1', '3:1'],
    );
    assert.match(result.errors[0].message, /write each key as "\$\{env:NAME\}"/);
    assert.ok(!result.errors[0].message.includes('gsk-literal'));
    const relative = parseConfig('[projects."clients/acme"]\ngroq = "${env:A}"\n', 'skynet.toml', {}, '/home/me');
    assert.ok(!relative.ok);
    assert.match(relative.errors[0].message, /absolute directory/);
  });
});
