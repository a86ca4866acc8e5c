import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseConfig } from '../../support/config';
import { AWS_REGION, VERTEX_LOCATION } from '../../../src/config/cloudLocations';
import { headerValueProblem } from '../../../src/config/headerValue';
import { vertexHost } from '../../../src/providers/vertex/vertexUrl';
import { runTrustedCli } from '../../fakes/cliRunner';
import { startFakeServer } from '../../fakes/fakeServer';

function errorsOf(text: string): Array<{ line: number; column: number; message: string }> {
  const result = parseConfig(text, 'skynet.toml', {}, '/home/me');
  return result.ok ? [] : result.errors.map(({ line, column, message }) => ({ line, column, message }));
}

describe('config values that become a host name or a header are checked at their line and column', () => {
  it('AWS region names of every partition pass; anything that could move the host does not', () => {
    for (const region of [
      'us-east-1',
      'eu-central-2',
      'ap-southeast-7',
      'mx-central-1',
      'il-central-1',
      'cn-northwest-1',
      'us-gov-west-1',
      'us-iso-east-1',
      'us-isob-east-1',
      'us-isof-south-1',
      'eu-isoe-west-1',
      'eusc-de-east-1',
    ]) {
      assert.ok(AWS_REGION.test(region), region);
    }
    for (const region of [
      'x@127.0.0.1:18443/#',
      'us-east-1.evil.example',
      'us-east-1/',
      'US-EAST-1',
      'us-east-1\n',
      'evil.example#',
      '',
    ]) {
      assert.ok(!AWS_REGION.test(region), JSON.stringify(region));
    }
  });

  it('Vertex locations: regions, global and the us/eu multi-regions (at their documented hosts); nothing else', () => {
    assert.equal(vertexHost('us'), 'aiplatform.us.rep.googleapis.com');
    assert.equal(vertexHost('europe-west4'), 'europe-west4-aiplatform.googleapis.com');
    for (const location of [
      'us-central1',
      'europe-west4',
      'northamerica-northeast1',
      'asia-southeast1',
      'me-central2',
      'global',
      'us',
      'eu',
    ])
      assert.ok(VERTEX_LOCATION.test(location), location);
    for (const location of ['x@127.0.0.1:18443/#', 'us-central1.evil.example', 'evil.example/', 'us-central', 'Global'])
      assert.ok(!VERTEX_LOCATION.test(location), location);
  });

  it("the issue's region and a crafted location are errors at their line:column", () => {
    assert.deepEqual(
      errorsOf('[providers.bedrock]\nmodel = "m"\nregion = "x@127.0.0.1:18443/#"\n').map(({ line, column }) => [
        line,
        column,
      ]),
      [[3, 1]],
    );
    assert.match(
      errorsOf('[providers.bedrock]\nregion = "x@127.0.0.1:18443/#"\n')[0].message,
      /`providers\.bedrock\.region`: "x@127\.0\.0\.1:18443\/#" is not an AWS region name/,
    );
    const vertex = errorsOf('[providers.vertex]\n  location = "x@127.0.0.1:18443/#"\n');
    assert.deepEqual(
      vertex.map(({ line, column }) => [line, column]),
      [[2, 3]],
    );
    assert.match(vertex[0].message, /is not a Vertex AI location/);
  });

  it('CR/LF or control characters in a value sent as a header are config errors, not failed requests', () => {
    assert.equal(headerValueProblem('sk-proj-abc_DEF-123'), undefined);
    assert.equal(headerValueProblem('with space\tand tab'), undefined);
    assert.match(headerValueProblem('org\r\nX-Evil: 1')!, /carriage return \(CR\)/);
    assert.match(headerValueProblem('a\u0000b')!, /NUL/);
    const organization = errorsOf('[providers.openai]\norganization = "org-1\\r\\nX-Injected: yes"\n');
    assert.deepEqual(
      organization.map(({ line, column }) => [line, column]),
      [[2, 1]],
    );
    assert.match(
      organization[0].message,
      /`providers\.openai\.organization` is sent as an HTTP header and contains a carriage return/,
    );
    assert.deepEqual(
      errorsOf('[providers.openai]\nproject = "p\\n"\n').map(({ line }) => line),
      [2],
    );
    const key = errorsOf('[[providers.openai_compat]]\nid = "groq"\napi_key = "gsk_abc\\n"\n');
    assert.deepEqual(
      key.map(({ line }) => line),
      [3],
    );
    assert.ok(!key[0].message.includes('gsk_abc'), 'the message never repeats the key');
  });

  it("skynet chat with the issue's region sends nothing anywhere and names the line", async () => {
    const server = await startFakeServer();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skynet-region-'));
    try {
      const port = new URL(server.url).port;
      fs.writeFileSync(
        path.join(dir, 'skynet.toml'),
        `[providers.bedrock]\nmodel = "anthropic.claude"\nregion = "x@127.0.0.1:${port}/#"\n`,
      );
      const result = await runTrustedCli(['chat', 'hi'], {
        cwd: dir,
        env: {
          AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE',
          AWS_SECRET_ACCESS_KEY: 'secret-of-the-user',
          AWS_BEARER_TOKEN_BEDROCK: 'bearer-of-the-user',
        },
      });
      assert.equal(result.code, 2);
      assert.match(result.stderr, /skynet\.toml:3:1: .*is not an AWS region name/);
      assert.equal(server.requests.length, 0, 'nothing reached the address inside the region');
      const check = await runTrustedCli(['check'], { cwd: dir, env: {} });
      assert.equal(check.code, 1, 'skynet check no longer says ok');
      // The same region from the environment (or ~/.aws/config) is refused before any host is built.
      fs.writeFileSync(path.join(dir, 'skynet.toml'), `[providers.bedrock]\nmodel = "anthropic.claude"\n`);
      const fromEnvironment = await runTrustedCli(['chat', 'hi'], {
        cwd: dir,
        env: {
          AWS_REGION: `x@127.0.0.1:${port}/#`,
          AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE',
          AWS_SECRET_ACCESS_KEY: 'secret-of-the-user',
        },
      });
      assert.equal(fromEnvironment.code, 1);
      assert.match(fromEnvironment.stderr, /is not an AWS region name/);
      assert.equal(server.requests.length, 0, 'nothing reached the address inside AWS_REGION');
    } finally {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
