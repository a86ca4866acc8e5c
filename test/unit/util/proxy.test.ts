import * as assert from 'node:assert/strict';
import { NoProxy, ProxyConfigError, parseProxyUrl, proxyFromEnv, proxySecrets } from '../../../src/util/proxy';

/** Proxy settings as the CLI reads them from the environment, and NO_PROXY's matching. */

const url = (text: string) => new URL(text);

describe('proxy settings', () => {
  it('reads HTTPS_PROXY, HTTP_PROXY and NO_PROXY, lowercase first, and nothing when no proxy is set', () => {
    assert.equal(proxyFromEnv({}), undefined);
    assert.equal(
      proxyFromEnv({ NO_PROXY: 'example.com', HTTPS_PROXY: ' ' }),
      undefined,
      'NO_PROXY alone, or a blank proxy, is no proxy',
    );
    assert.deepEqual(
      proxyFromEnv({ HTTPS_PROXY: 'http://upper:1', https_proxy: 'http://lower:2', NO_PROXY: 'a.com' }),
      {
        httpsProxy: 'http://lower:2',
        httpProxy: undefined,
        noProxy: 'a.com',
      },
    );
    assert.deepEqual(proxyFromEnv({ HTTP_PROXY: 'http://p:3128', no_proxy: 'b.com' }), {
      httpsProxy: undefined,
      httpProxy: 'http://p:3128',
      noProxy: 'b.com',
    });
  });

  it('parses proxy URLs: host:port alone means http, default ports, Basic credentials decoded, an origin without them', () => {
    assert.deepEqual(parseProxyUrl('proxy.corp:3128', 'HTTPS proxy'), {
      secure: false,
      hostname: 'proxy.corp',
      port: 3128,
      origin: 'http://proxy.corp:3128',
      authorization: undefined,
    });
    const withUser = parseProxyUrl('http://me%40corp:p%3Ass@proxy.corp', 'HTTPS proxy');
    assert.equal(withUser.port, 80);
    assert.equal(withUser.origin, 'http://proxy.corp');
    assert.equal(withUser.authorization, `Basic ${Buffer.from('me@corp:p:ss').toString('base64')}`);
    assert.deepEqual(parseProxyUrl('https://[::1]:8443', 'HTTPS proxy'), {
      secure: true,
      hostname: '::1',
      port: 8443,
      origin: 'https://[::1]:8443',
      authorization: undefined,
    });
    assert.equal(parseProxyUrl('https://proxy.corp', 'x').port, 443);
  });

  it('refuses SOCKS and unparsable proxy URLs without quoting their credentials', () => {
    assert.throws(
      () => parseProxyUrl('socks5://me:hunter2secret@proxy.corp:1080', 'HTTPS proxy'),
      (error: Error) => {
        assert.ok(error instanceof ProxyConfigError);
        assert.match(error.message, /HTTPS proxy socks5:\/\/proxy\.corp:1080 is not supported/);
        assert.doesNotMatch(error.message, /hunter2/);
        return true;
      },
    );
    assert.throws(
      () => parseProxyUrl('http://me:hunter2secret@', 'HTTP proxy'),
      (error: Error) => !error.message.includes('hunter2') && /HTTP proxy setting is not a URL/.test(error.message),
    );
  });

  it('lists the proxy passwords, typed, decoded and as sent, for the redactor', () => {
    const secrets = proxySecrets({ httpsProxy: 'http://me:s%40cret-pass@p:1', httpProxy: 'http://nouser@p:2' });
    assert.deepEqual(secrets, ['s%40cret-pass', 's@cret-pass', Buffer.from('me:s@cret-pass').toString('base64')]);
    assert.deepEqual(proxySecrets(undefined), []);
  });
});

describe('NO_PROXY', () => {
  it('never proxies loopback, whatever the list says', () => {
    const none = new NoProxy('');
    for (const target of [
      'http://localhost:8080',
      'http://LOCALHOST.',
      'http://app.localhost',
      'https://127.0.0.1',
      'http://127.1.2.3:9',
      'http://[::1]:11434',
    ]) {
      assert.ok(none.bypasses(url(target)), target);
    }
    assert.ok(!none.bypasses(url('https://api.openai.com')));
    assert.ok(!none.bypasses(url('http://10.0.0.1')));
  });

  it('matches hosts with their subdomains, .suffix and *.suffix, case-insensitively', () => {
    const list = new NoProxy(' Internal.Corp , .example.com,, *.svc.cluster.local other');
    assert.ok(list.bypasses(url('https://internal.corp')));
    assert.ok(list.bypasses(url('https://gw.internal.corp')));
    assert.ok(!list.bypasses(url('https://notinternal.corp')), 'a suffix matches at a dot only');
    assert.ok(list.bypasses(url('https://example.com')));
    assert.ok(list.bypasses(url('https://api.example.com')));
    assert.ok(list.bypasses(url('http://ollama.svc.cluster.local:11434')));
    assert.ok(list.bypasses(url('https://other')), 'spaces separate entries too');
    assert.ok(!list.bypasses(url('https://api.openai.com')));
  });

  it('matches host:port only on that port (default ports included), and IPs exactly or by CIDR', () => {
    const list = new NoProxy('gateway.corp:8443,api.corp:443,10.1.2.3,192.168.0.0/16,[fd00::1]:8080,fd00:abcd::/32');
    assert.ok(list.bypasses(url('https://gateway.corp:8443')));
    assert.ok(!list.bypasses(url('https://gateway.corp')));
    assert.ok(list.bypasses(url('https://api.corp')));
    assert.ok(!list.bypasses(url('http://api.corp')));
    assert.ok(list.bypasses(url('http://10.1.2.3:5000')));
    assert.ok(!list.bypasses(url('http://10.1.2.30')));
    assert.ok(list.bypasses(url('http://192.168.7.9')));
    assert.ok(!list.bypasses(url('http://192.169.0.1')));
    assert.ok(list.bypasses(url('http://[fd00::1]:8080')));
    assert.ok(!list.bypasses(url('http://[fd00::1]:8081')));
    assert.ok(list.bypasses(url('http://[fd00:abcd::5]')));
  });

  it('* sends everything direct', () => {
    assert.ok(new NoProxy('*').bypasses(url('https://api.anthropic.com')));
    assert.ok(new NoProxy('a.com, *').bypasses(url('https://b.com')));
  });
});
