import { strict as assert } from 'node:assert';
import {
  describeProxy,
  isExcludedByNoProxy,
  parseNoProxy,
  proxySecrets,
  selectProxy,
} from '../../src/core/http/proxySelection';

const ws = new URL('https://adb-123.4.azuredatabricks.net/api/2.0/preview/scim/v2/Me');

describe('http: NO_PROXY parsing and matching', () => {
  it('parses hosts, leading dots, wildcards, ports and bracketed IPv6', () => {
    assert.deepEqual(parseNoProxy(' a.com, .b.com ,*.c.com,d.com:8443,[::1]:80, 10.0.0.1 ,*'), [
      { host: 'a.com' },
      { host: 'b.com' },
      { host: 'c.com' },
      { host: 'd.com', port: 8443 },
      { host: '::1', port: 80 },
      { host: '10.0.0.1' },
      { host: '*' },
    ]);
    assert.deepEqual(parseNoProxy(undefined), []);
    assert.deepEqual(parseNoProxy(' , '), []);
  });

  it('matches a domain and its subdomains, only on a label boundary', () => {
    assert.equal(isExcludedByNoProxy(ws, 'azuredatabricks.net'), true);
    assert.equal(isExcludedByNoProxy(ws, '.azuredatabricks.net'), true);
    assert.equal(isExcludedByNoProxy(ws, '*.azuredatabricks.net'), true);
    assert.equal(isExcludedByNoProxy(ws, 'databricks.net'), false);
    assert.equal(isExcludedByNoProxy(ws, 'adb-123.4.azuredatabricks.net'), true);
    assert.equal(isExcludedByNoProxy(new URL('https://azuredatabricks.net/'), '.azuredatabricks.net'), true);
  });

  it('is case-insensitive and ignores a trailing dot', () => {
    assert.equal(isExcludedByNoProxy(new URL('https://ADB-1.Example.COM./'), 'example.com'), true);
  });

  it('honours ports, defaulting to 443 for https', () => {
    assert.equal(isExcludedByNoProxy(ws, 'azuredatabricks.net:443'), true);
    assert.equal(isExcludedByNoProxy(ws, 'azuredatabricks.net:8443'), false);
    assert.equal(isExcludedByNoProxy(new URL('https://h.example.com:8443/'), 'example.com:8443'), true);
  });

  it('matches IP literals exactly, never as suffixes', () => {
    assert.equal(isExcludedByNoProxy(new URL('https://10.0.0.1/'), '10.0.0.1'), true);
    assert.equal(isExcludedByNoProxy(new URL('https://110.0.0.1/'), '0.0.1'), false);
    assert.equal(isExcludedByNoProxy(new URL('https://[2001:db8::1]/'), '2001:db8::1'), true);
  });

  it('"*" excludes everything', () => {
    assert.equal(isExcludedByNoProxy(ws, 'foo.com, *'), true);
  });
});

describe('http: selectProxy', () => {
  const env = { HTTPS_PROXY: 'http://proxy.corp:3128', HTTP_PROXY: 'http://other:1' };

  it('uses HTTPS_PROXY, then https_proxy, HTTP_PROXY, http_proxy for https targets', () => {
    assert.equal(selectProxy(ws, { env }), 'http://proxy.corp:3128');
    assert.equal(
      selectProxy(ws, { env: { https_proxy: 'http://lower:1', HTTP_PROXY: 'http://h:2' } }),
      'http://lower:1',
    );
    assert.equal(selectProxy(ws, { env: { HTTP_PROXY: 'http://h:2', http_proxy: 'http://l:3' } }), 'http://h:2');
    assert.equal(selectProxy(ws, { env: { http_proxy: 'http://l:3' } }), 'http://l:3');
    assert.equal(selectProxy(ws, { env: { HTTPS_PROXY: '  ' } }), undefined);
  });

  it('adds http:// to a bare host:port', () => {
    assert.equal(selectProxy(ws, { env: { HTTPS_PROXY: 'proxy.corp:3128' } }), 'http://proxy.corp:3128');
  });

  it('skips hosts listed in NO_PROXY or no_proxy', () => {
    assert.equal(selectProxy(ws, { env: { ...env, NO_PROXY: 'azuredatabricks.net' } }), undefined);
    assert.equal(selectProxy(ws, { env: { ...env, no_proxy: '.azuredatabricks.net' } }), undefined);
    assert.equal(selectProxy(ws, { env: { ...env, NO_PROXY: 'graph.microsoft.com' } }), 'http://proxy.corp:3128');
  });

  it('never proxies loopback from the environment, but does with an explicit proxy', () => {
    const local = new URL('http://127.0.0.1:8080/');
    assert.equal(selectProxy(local, { env }), undefined);
    assert.equal(selectProxy(new URL('https://localhost/'), { env }), undefined);
    assert.equal(selectProxy(local, { env, explicit: 'http://127.0.0.1:3128' }), 'http://127.0.0.1:3128');
  });

  it('lets an explicit proxy win over the environment and NO_PROXY', () => {
    assert.equal(selectProxy(ws, { env: { ...env, NO_PROXY: '*' }, explicit: 'http://mine:1' }), 'http://mine:1');
  });

  it('ignores the environment when asked to', () => {
    assert.equal(selectProxy(ws, { env, ignoreEnv: true }), undefined);
  });
});

describe('http: proxy credentials', () => {
  it('lists the password in every form it could appear in, and none without one', () => {
    const secrets = proxySecrets('http://alice:p%40ss%3Aword@proxy.corp:3128');
    assert.ok(secrets.includes('p@ss:word'));
    assert.ok(secrets.includes('p%40ss%3Aword'));
    assert.ok(secrets.includes(Buffer.from('alice:p@ss:word').toString('base64')));
    assert.deepEqual(proxySecrets('http://proxy.corp:3128'), []);
    assert.deepEqual(proxySecrets('not a url'), []);
  });

  it('describes a proxy without its credentials', () => {
    assert.equal(describeProxy('http://alice:secret@proxy.corp:3128/'), 'http://proxy.corp:3128');
  });
});
