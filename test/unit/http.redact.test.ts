import { strict as assert } from 'node:assert';
import { REDACTED, Redactor } from '../../src/core/http/redact';

const PAT = 'dapi0123456789abcdef0123456789abcdef';
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJlLXZhbHVl';

describe('http: Redactor', () => {
  it('masks registered secrets wherever they appear, in raw, URL-encoded and JSON-escaped form', () => {
    const r = new Redactor();
    r.add('s3cr3t/with"quote');
    const text = `a s3cr3t/with"quote b ${encodeURIComponent('s3cr3t/with"quote')} c ${JSON.stringify('s3cr3t/with"quote')}`;
    const out = r.redact(text);
    assert.ok(!out.includes('s3cr3t'), out);
    assert.equal(out.split(REDACTED).length - 1, 3);
  });

  it('masks a longer secret whole even when a shorter one is a part of it', () => {
    const r = new Redactor();
    r.add('abcd');
    r.add('abcdefgh');
    assert.equal(r.redact('x abcdefgh y abcd'), `x ${REDACTED} y ${REDACTED}`);
  });

  it('ignores secrets too short to mask sensibly', () => {
    const r = new Redactor();
    r.add('');
    r.add('ab');
    assert.equal(r.redact('ab cab'), 'ab cab');
  });

  it('masks PAT-shaped strings without registration, with or without a -N suffix', () => {
    const r = new Redactor();
    for (const token of [PAT, `${PAT}-2`, PAT.toUpperCase().replace('DAPI', 'dapi')]) {
      const out = r.redact(`token=${token}&x=1`);
      assert.ok(!out.includes(token.slice(4)), out);
      assert.match(out, /^token=dapi\[REDACTED\]&x=1$/);
    }
  });

  it('masks JWTs and Bearer/Basic credentials of any shape', () => {
    const r = new Redactor();
    assert.equal(r.redact(`got ${JWT}.`), `got ${REDACTED}.`);
    assert.equal(r.redact('Authorization: Bearer opaque-token_123'), `Authorization: Bearer ${REDACTED}`);
    assert.equal(r.redact('{"h":"bearer abc.def"}'), `{"h":"bearer ${REDACTED}"}`);
    assert.equal(r.redact('Proxy-Authorization: Basic YWxpY2U6c2VjcmV0'), `Proxy-Authorization: Basic ${REDACTED}`);
  });

  it('masks the password in user:password@ URLs', () => {
    const r = new Redactor();
    assert.equal(r.redact('proxy http://alice:pw1@proxy:3128 down'), `proxy http://alice:${REDACTED}@proxy:3128 down`);
  });

  it('leaves ordinary text alone', () => {
    const r = new Redactor();
    r.add('dapi-never-used');
    const text =
      'GET https://adb-1.2.azuredatabricks.net/api/2.0/preview/scim/v2/Users?filter&count 200 12ms attempts=1';
    assert.equal(r.redact(text), text);
  });
});
