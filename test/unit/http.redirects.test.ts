import { strict as assert } from 'node:assert';
import { describeRequestForLog, describeTarget, formatRequestLogLine } from '../../src/core/http/logFormat';
import { redirectStep } from '../../src/core/http/redirects';
import { classifyFailure } from '../../src/core/http/transportFailure';

describe('http: redirectStep', () => {
  const here = new URL('https://ws.example.com/api/2.0/preview/scim/v2/Users?count=1');

  it('follows the five redirect statuses and nothing else', () => {
    for (const status of [301, 302, 303, 307, 308]) assert.ok(redirectStep(status, 'GET', '/x', here), String(status));
    for (const status of [200, 300, 304, 305, 306, 400])
      assert.equal(redirectStep(status, 'GET', '/x', here), undefined);
  });

  it('resolves a relative Location against the current URL and drops a fragment', () => {
    assert.equal(
      redirectStep(302, 'GET', 'Me#frag', here)?.url.href,
      'https://ws.example.com/api/2.0/preview/scim/v2/Me',
    );
  });

  it('turns 303 into GET for every method, 301/302 into GET for POST, keeps 307/308', () => {
    assert.deepEqual(pick(redirectStep(303, 'PUT', '/a', here)), ['GET', false]);
    assert.deepEqual(pick(redirectStep(301, 'POST', '/a', here)), ['GET', false]);
    assert.deepEqual(pick(redirectStep(302, 'POST', '/a', here)), ['GET', false]);
    assert.deepEqual(pick(redirectStep(302, 'PATCH', '/a', here)), ['PATCH', true]);
    assert.deepEqual(pick(redirectStep(307, 'POST', '/a', here)), ['POST', true]);
    assert.deepEqual(pick(redirectStep(308, 'DELETE', '/a', here)), ['DELETE', true]);
  });

  it('returns the response as it is when Location is missing or unusable', () => {
    assert.equal(redirectStep(302, 'GET', undefined, here), undefined);
    assert.equal(redirectStep(302, 'GET', '', here), undefined);
    assert.equal(redirectStep(302, 'GET', 'http://[bad', here), undefined);
  });
});

function pick(step: ReturnType<typeof redirectStep>): [string, boolean] | undefined {
  return step ? [step.method, step.keepBody] : undefined;
}

describe('http: log format', () => {
  it('keeps path and query keys, drops query values, credentials and fragment', () => {
    const url = new URL(
      'https://u:p@ws.example.com/api/x?filter=userName%20eq%20%22a%22&count=10&token=dapiabc&count=2#f',
    );
    assert.equal(describeTarget(url), 'https://ws.example.com/api/x?filter&count&token');
  });

  it('shows search terms and paging in the log line, not other query values', () => {
    const url = new URL(
      'https://ws.example.com/api/x?filter=userName%20co%20%22ann%22&startIndex=101&count=100&token=dapiabc',
    );
    assert.equal(
      describeRequestForLog(url),
      'https://ws.example.com/api/x?filter=userName co "ann"&startIndex=101&count=100&token',
    );
  });

  it('writes method, target, outcome, ms and attempts on one line', () => {
    assert.equal(
      formatRequestLogLine({ method: 'GET', target: 'https://h/p', outcome: '200', elapsedMs: 12.6, attempts: 2 }),
      'GET https://h/p 200 13ms attempts=2',
    );
  });
});

describe('http: classifyFailure', () => {
  const ctx = { proxied: false, timeouts: { connectMs: 1, headersMs: 2, bodyMs: 3 }, maxBodyBytes: 64 * 1024 * 1024 };
  const err = (code: string, message = code): Error => Object.assign(new Error(message), { code });

  it('maps undici and socket codes to kinds and retry classes', () => {
    const table: Array<[string, string, string]> = [
      ['UND_ERR_CONNECT_TIMEOUT', 'timeout', 'before-send'],
      ['UND_ERR_HEADERS_TIMEOUT', 'timeout', 'after-send'],
      ['UND_ERR_BODY_TIMEOUT', 'timeout', 'after-send'],
      ['ECONNREFUSED', 'connection', 'before-send'],
      ['ECONNRESET', 'connection', 'after-send'],
      ['UND_ERR_SOCKET', 'connection', 'after-send'],
      ['ENOTFOUND', 'connection', 'never'],
      ['EAI_AGAIN', 'connection', 'before-send'],
      ['CERT_HAS_EXPIRED', 'connection', 'never'],
      ['EWHATEVER', 'connection', 'never'],
    ];
    for (const [code, kind, retry] of table) {
      const c = classifyFailure(err(code), ctx);
      assert.deepEqual([c.kind, c.retry, c.code], [kind, retry, code], code);
    }
  });

  it('blames the proxy when the tunnel is refused or the proxy cannot be reached', () => {
    const refused = classifyFailure(err('UND_ERR_ABORTED', 'Proxy response (407) !== 200 when HTTP Tunneling'), {
      ...ctx,
      proxied: true,
    });
    assert.deepEqual([refused.kind, refused.retry], ['proxy', 'never']);
    assert.match(refused.detail, /proxy authentication failed/);
    const gateway = classifyFailure(err('UND_ERR_ABORTED', 'Proxy response (502) !== 200 when HTTP Tunneling'), {
      ...ctx,
      proxied: true,
    });
    assert.deepEqual([gateway.kind, gateway.retry], ['proxy', 'before-send']);
    const down = classifyFailure(err('ECONNREFUSED'), { ...ctx, proxied: true });
    assert.deepEqual([down.kind, down.retry], ['proxy', 'never']);
  });
});
