import * as assert from 'node:assert/strict';
import { displayUrl, urlUserinfoSecrets } from '../../../src/util/displayUrl';
import { Redactor } from '../../../src/util/redact';
import { visibleName } from '../../../src/util/terminalText';

describe('displayUrl', () => {
  it('replaces userinfo with *** and leaves other URLs alone', () => {
    assert.equal(displayUrl('https://user:p%40ss@host.example/v1?x=1'), 'https://***@host.example/v1?x=1');
    assert.equal(displayUrl('http://tokenonly@127.0.0.1:8080/'), 'http://***@127.0.0.1:8080/');
    assert.equal(displayUrl('https://api.openai.com/v1'), 'https://api.openai.com/v1');
    assert.equal(displayUrl('https://host/path@not-userinfo'), 'https://host/path@not-userinfo');
  });

  it('gives the redactor the password raw and decoded', () => {
    assert.deepEqual(urlUserinfoSecrets('https://user:p%40ssword9@host/'), ['p%40ssword9', 'p@ssword9']);
    assert.deepEqual(urlUserinfoSecrets('https://host/'), []);
    assert.deepEqual(urlUserinfoSecrets(undefined), []);
  });

  it('the redactor masks userinfo passwords it was never told about', () => {
    assert.equal(
      new Redactor().redact('GET https://bob:s3cretpass@gw.example/v1 failed'),
      'GET https://bob:‹redacted›@gw.example/v1 failed',
    );
  });

  it('visibleName escapes control and bidi characters', () => {
    assert.equal(visibleName('a\u202eb\tc\x7f'), 'a<U+202E>b<U+0009>c<U+007F>');
  });
});
