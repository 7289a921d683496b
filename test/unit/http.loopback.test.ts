import { strict as assert } from 'node:assert';
import { insecureUrlReason, isLoopbackHostname } from '../../src/core/http/loopback';

describe('http: loopback detection and the http:// rule', () => {
  it('recognises 127.0.0.0/8, ::1 and localhost', () => {
    for (const host of [
      '127.0.0.1',
      '127.1.2.3',
      '127.255.255.254',
      'localhost',
      'LOCALHOST',
      'localhost.',
      '[::1]',
      '::1',
      '[::ffff:127.0.0.1]',
    ]) {
      assert.equal(isLoopbackHostname(host), true, host);
    }
  });

  it('rejects everything else, including look-alikes', () => {
    for (const host of [
      '128.0.0.1',
      '10.0.0.1',
      '0.0.0.0',
      '127.0.0.1.nip.io',
      'localhost.evil.com',
      'my-localhost',
      '[::2]',
      '[::ffff:10.0.0.1]',
      'example.com',
    ]) {
      assert.equal(isLoopbackHostname(host), false, host);
    }
  });

  it('works on hostnames as URL parses them (IPv4-mapped IPv6 is normalised to hex)', () => {
    assert.equal(isLoopbackHostname(new URL('http://[::ffff:127.0.0.1]:8080/').hostname), true);
    assert.equal(isLoopbackHostname(new URL('http://[::ffff:192.168.0.1]/').hostname), false);
  });

  it('allows https anywhere and http only to loopback', () => {
    assert.equal(insecureUrlReason(new URL('https://adb-1.2.azuredatabricks.net/api')), undefined);
    assert.equal(insecureUrlReason(new URL('http://127.0.0.1:8080/api')), undefined);
    assert.equal(insecureUrlReason(new URL('http://localhost/api')), undefined);
    assert.equal(insecureUrlReason(new URL('http://[::1]:1/')), undefined);
    const reason = insecureUrlReason(new URL('http://adb-1.2.azuredatabricks.net/api'));
    assert.match(reason ?? '', /use https:\/\/adb-1\.2\.azuredatabricks\.net/);
    assert.match(insecureUrlReason(new URL('ftp://example.com/')) ?? '', /unsupported protocol ftp:/);
  });
});
