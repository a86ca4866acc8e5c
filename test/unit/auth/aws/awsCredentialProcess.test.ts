import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { splitCommandLine } from '../../../../src/auth/aws/awsProcessCredentials';
import { ProviderError } from '../../../../src/util/errors';
import { fastHttpClient } from '../../../fakes/providerHarness';
import { awsHome, chainResolver, testClock } from './awsProfileHome';

/** Counts its runs in a file, then behaves as its first argument says. */
const SCRIPT = `const fs = require('node:fs');
const [mode, counter] = process.argv.slice(2);
fs.appendFileSync(counter, 'x');
if (mode === 'ok') console.log(JSON.stringify({ Version: 1, AccessKeyId: 'ASIAPROCESS' + fs.readFileSync(counter, 'utf8').length, SecretAccessKey: 'processSecret', SessionToken: 'processToken', Expiration: process.env.PROCESS_EXPIRATION || undefined }));
if (mode === 'badjson') console.log('{"AccessKeyId": "ASIALEAKED", "SecretAccessKey": "stdoutSecretValue"');
if (mode === 'version2') console.log(JSON.stringify({ Version: 2, AccessKeyId: 'A', SecretAccessKey: 'B' }));
if (mode === 'fail') { console.error('denied: Bearer abcdefghijklmnop1234\\nsecond line stderrSecretValue'); process.exit(3); }
if (mode === 'hang') setTimeout(() => undefined, 60000);
if (mode === 'forks') {
  // A child that inherits the output pipes and outlives its parent's kill unless the whole group goes.
  const child = require('node:child_process').spawn(process.execPath, ['-e', 'setTimeout(() => undefined, 60000)'], { stdio: 'inherit' });
  fs.writeFileSync(counter + '.child', String(child.pid));
  setTimeout(() => undefined, 60000);
}
`;

describe('AWS credential_process', () => {
  const http = fastHttpClient();
  let home: string;
  let counter: string;
  const clock = testClock();
  after(() => http.close());

  const q = (text: string): string => `"${text}"`;
  before(async () => {
    home = await awsHome('');
    const script = path.join(home, 'helper.js');
    await fs.writeFile(script, SCRIPT);
    counter = path.join(home, 'runs');
    const profile = (mode: string): string =>
      `[profile ${mode}]\nregion = eu-central-1\ncredential_process = ${q(process.execPath)} ${q(script)} ${mode} '${counter}'\n`;
    await fs.writeFile(
      path.join(home, '.aws', 'config'),
      ['ok', 'badjson', 'version2', 'fail', 'hang', 'forks'].map(profile).join('\n'),
    );
  });
  after(() => fs.rm(home, { recursive: true, force: true }));
  beforeEach(() => fs.rm(counter, { force: true }));
  const runs = async (): Promise<number> => (await fs.readFile(counter, 'utf8').catch(() => '')).length;

  it('splits the command like the AWS CLI (no shell): quotes, escapes, Windows backslashes', () => {
    assert.deepEqual(splitCommandLine(`/bin/helper --profile 'my prof' "a \\"b\\" \\$HOME" c\\ d $HOME ~/x`, 'linux'), [
      '/bin/helper',
      '--profile',
      'my prof',
      'a "b" $HOME',
      'c d',
      '$HOME',
      '~/x',
    ]);
    assert.deepEqual(splitCommandLine(`"C:\\Program Files\\helper.exe" --x C:\\tmp\\y "q\\"z"`, 'win32'), [
      'C:\\Program Files\\helper.exe',
      '--x',
      'C:\\tmp\\y',
      'q"z',
    ]);
    assert.deepEqual(splitCommandLine('  a   b  ', 'linux'), ['a', 'b']);
    assert.throws(() => splitCommandLine(`a 'b`, 'linux'), /unbalanced/);
  });

  it('runs the command, reads Version 1 JSON, and reuses it until shortly before Expiration', async () => {
    const resolve = chainResolver(home, http, clock);
    const env = { PROCESS_EXPIRATION: new Date(clock.ms + 15 * 60_000).toISOString() };
    const first = await resolve(env, 'ok');
    assert.deepEqual(first, {
      type: 'sigv4',
      credentials: { accessKeyId: 'ASIAPROCESS1', secretAccessKey: 'processSecret', sessionToken: 'processToken' },
      source: 'credential_process of profile "ok"',
      region: 'us-west-2',
    });
    clock.ms += 9 * 60_000;
    assert.equal(
      (await resolve(env, 'ok')).type === 'sigv4' && first.type === 'sigv4' && first.credentials.accessKeyId,
      'ASIAPROCESS1',
    );
    assert.equal(await runs(), 1);
    clock.ms += 2 * 60_000; // 4 minutes left: inside the refresh margin
    const again = await resolve(env, 'ok');
    assert.equal(again.type === 'sigv4' && again.credentials.accessKeyId, 'ASIAPROCESS2');
    assert.equal(await runs(), 2);
  });

  it('credentials without Expiration are kept until the client goes', async () => {
    const resolve = chainResolver(home, http, clock);
    await resolve({}, 'ok');
    clock.ms += 24 * 3600_000;
    await resolve({}, 'ok');
    assert.equal(await runs(), 1);
  });

  it('output that is not JSON, or not Version 1, is an auth error naming the profile and never showing the output', async () => {
    const resolve = chainResolver(home, http, clock);
    const error = await resolve({}, 'badjson').catch((caught: unknown) => caught);
    assert.ok(error instanceof ProviderError);
    assert.equal(error.kind, 'auth');
    assert.match(error.message, /credential_process of AWS profile "badjson" did not print JSON/);
    assert.doesNotMatch(error.message, /stdoutSecretValue|ASIALEAKED/);
    await assert.rejects(resolve({}, 'version2'), /profile "version2" printed Version 2; only Version 1/);
  });

  it('a non-zero exit names the profile and the code, with only the first stderr line, redacted', async () => {
    const error = await chainResolver(home, http, clock)({}, 'fail').catch((caught: unknown) => caught);
    assert.ok(error instanceof ProviderError);
    assert.equal(error.kind, 'auth');
    assert.match(error.message, /profile "fail" exited with code 3: denied: Bearer ‹redacted›$/);
    assert.doesNotMatch(error.message, /abcdefghijklmnop1234|stderrSecretValue/);
  });

  it('a process that hangs is killed at the timeout; an abort stops it at once', async () => {
    const resolve = chainResolver(home, http, clock, { processTimeoutMs: 300 });
    const started = Date.now();
    const error = await resolve({}, 'hang').catch((caught: unknown) => caught);
    assert.ok(error instanceof ProviderError);
    assert.equal(error.kind, 'timeout');
    assert.match(error.message, /profile "hang" did not finish within 0.3s/);
    assert.ok(Date.now() - started < 3000);

    const controller = new AbortController();
    const slow = chainResolver(home, http, clock, { processTimeoutMs: 20_000 })({}, 'hang', controller.signal);
    setTimeout(() => controller.abort(), 100);
    const cancelled = await slow.catch((caught: unknown) => caught);
    assert.ok(cancelled instanceof ProviderError);
    assert.equal(cancelled.kind, 'cancelled');
  });

  it('a process that started children is stopped at the timeout with all of them (its process group)', async function () {
    if (process.platform === 'win32') this.skip();
    // 0.5 s until the timeout plus up to 2 s for the child to be gone: more than mocha's default 2 s on a loaded machine.
    this.timeout(10_000);
    const resolve = chainResolver(home, http, clock, { processTimeoutMs: 500 });
    const error = await resolve({}, 'forks').catch((caught: unknown) => caught);
    assert.ok(error instanceof ProviderError && error.kind === 'timeout', `a timeout, got ${String(error)}`);
    const childPid = Number(await fs.readFile(`${counter}.child`, 'utf8'));
    const alive = (): boolean => {
      try {
        process.kill(childPid, 0);
        return true;
      } catch {
        return false;
      }
    };
    for (let waited = 0; alive() && waited < 2000; waited += 50) await new Promise((done) => setTimeout(done, 50));
    assert.equal(alive(), false, 'the forked child was killed with its parent');
  });

  it('a command that cannot start is named', async () => {
    await fs.appendFile(
      path.join(home, '.aws', 'config'),
      '\n[profile missing]\ncredential_process = /nonexistent/helper --x\n',
    );
    await assert.rejects(
      chainResolver(home, http, clock)({}, 'missing'),
      /profile "missing" could not start `\/nonexistent\/helper` \(ENOENT\)/,
    );
  });
});
