// Generated hostile answers for the fuzz suite: reproducible from a seed (the emulator's PRNG), so a
// failure names the seed and index that reproduce it. Each body says what it is, so a failing
// assertion reads as "#137 deep-json (status 200)" rather than a megabyte of brackets.

import { createPrng } from '../../emulator/prng';
import { HOSTILE_PAT } from './hostileServer';

export interface HostileBody {
  kind: string;
  status: number;
  contentType: string;
  headers: Record<string, string>;
  body: string;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const STATUSES = [200, 200, 200, 201, 400, 401, 403, 404, 409, 429, 500, 502, 503];
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

type Gen = (r: Rand) => Omit<HostileBody, 'status' | 'contentType' | 'headers'> & Partial<HostileBody>;

class Rand {
  constructor(readonly next: () => number) {}
  int(max: number): number {
    return Math.floor(this.next() * max);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
  b64(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += B64[this.int(64)];
    return s;
  }
  /** Any UTF-16 code unit below 0x250 or a control character, lone surrogates included. */
  junk(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++)
      s += String.fromCharCode(
        this.pick([this.int(0x20), 0x7f + this.int(0x21), this.int(0x250), 0xd800 + this.int(0x800), 0x202e]),
      );
    return s;
  }
  /** The token somewhere in `text`, often just past the 480 characters a detail keeps. */
  withToken(text: string): string {
    const at = this.pick([0, 470 + this.int(40), this.int(text.length + 1)]);
    return text.slice(0, at) + HOSTILE_PAT + text.slice(at);
  }
}

function user(r: Rand): Record<string, unknown> {
  return { id: String(1000 + r.int(9000)), userName: `${r.b64(6)}@contoso.com`, displayName: r.junk(8) };
}

const GENERATORS: Record<string, Gen> = {
  html: (r) => ({
    kind: 'html',
    contentType: 'text/html',
    body: r.withToken(
      r.pick([
        `<!doctype html><html><title>Error ${r.int(600)} ${r.junk(10)}</title><pre>${'&#99999999;'.repeat(r.int(20))}&#x110000;&#55296;${r.junk(30)}`,
        `<html>${'<pre'.repeat(5_000 + r.int(20_000))}`,
        `<html><body>${'<'.repeat(50_000 + r.int(100_000))}</body>`,
        `<title>${'&#'.repeat(20_000)}${r.int(10 ** 9)};</title><pre>&#x${r.b64(12)};</pre>`,
        `<!DOCTYPE html><html><head><title>Sign in to your account</title></head><body><form>${r.junk(200)}</form></body></html>`,
      ]),
    ),
  }),
  'huge-jwt': (r) => ({
    kind: 'huge-jwt',
    contentType: r.pick(['text/plain', 'application/json', 'text/html']),
    body: r.pick([
      () => `eyJ${r.b64(700_000)}.${r.b64(300_000)}.${r.b64(40)}`,
      () => 'eyJ'.repeat(40_000 + r.int(300_000)),
      () => 'eyJ-'.repeat(30_000 + r.int(200_000)),
      () => `{"message":"${'eyJa.'.repeat(100_000)} ${HOSTILE_PAT}"}`,
      () => r.withToken(`${'dapi'.repeat(50_000)}${'0'.repeat(31)} Bearer ${'x'.repeat(200_000)}`),
    ])(),
  }),
  'deep-json': (r) => {
    const depth = 1_000 + r.int(150_000);
    return {
      kind: 'deep-json',
      contentType: 'application/json',
      body: r.pick([
        () => '['.repeat(depth) + ']'.repeat(depth),
        () => '{"Resources":'.repeat(depth) + '[]' + '}'.repeat(depth),
        () => `{"schemas":["${LIST}"],"totalResults":1,"Resources":[${'{"id":'.repeat(depth)}1${'}'.repeat(depth)}]}`,
        () => '{"error":'.repeat(depth) + `"${HOSTILE_PAT}"` + '}'.repeat(depth),
      ])(),
    };
  },
  'proto-keys': (r) => ({
    kind: 'proto-keys',
    contentType: 'application/json',
    body: r.pick([
      `{"__proto__":{"totalResults":5,"Resources":[{"id":"1"}]},"schemas":["${LIST}"]}`,
      `{"schemas":["${LIST}"],"totalResults":1,"Resources":[{"__proto__":{"id":"x"},"constructor":{"prototype":{"id":"y"}}}]}`,
      `{"id":"7","__proto__":{"isAdmin":true},"userName":{"__proto__":null},"value":[{"__proto__":{"id":"1"}}]}`,
      `{"error":{"__proto__":{"message":"${HOSTILE_PAT}"},"code":"x"},"__proto__":[]}`,
      `{"token_infos":[{"__proto__":{"token_id":"1"}}],"value":{"__proto__":[]}}`,
    ]),
  }),
  'bad-entities': (r) => ({
    kind: 'bad-entities',
    contentType: 'text/html',
    body: `<html><pre>${Array.from({ length: 50 + r.int(200) }, () => r.pick(['&#99999999;', '&#x110000;', '&#xD800;', '&#-1;', '&#;', '&amp;#0;', `&#${r.int(2 ** 31)};`, '&#x;', '&lt;', r.junk(3)])).join('')}</pre></html>`,
  }),
  controls: (r) => ({
    kind: 'controls',
    contentType: r.pick(['application/json', 'text/plain']),
    body: r.pick([
      () => JSON.stringify({ schemas: [LIST], totalResults: 2, Resources: [user(r), user(r)], detail: r.junk(100) }),
      () => JSON.stringify({ error_code: `E${r.junk(20)}`, message: r.withToken(r.junk(600)) }),
      () => r.withToken(r.junk(2_000)),
      () => JSON.stringify({ id: '1', userName: `\u001b[2K\r${r.junk(10)}`, displayName: '\u202eevil' }),
    ])(),
  }),
  truncated: (r) => {
    const full = JSON.stringify({
      schemas: [LIST],
      totalResults: 3,
      startIndex: 1,
      Resources: [user(r), user(r), user(r)],
      value: [{ id: '1' }],
      token_infos: [],
    });
    return { kind: 'truncated', contentType: 'application/json', body: full.slice(0, 1 + r.int(full.length - 1)) };
  },
  'wrong-types': (r) => ({
    kind: 'wrong-types',
    contentType: 'application/json',
    body: JSON.stringify(
      r.pick([
        { schemas: [LIST], totalResults: r.pick(['abc', -1, 4e9, 1.5, null, [], {}]), Resources: [user(r)] },
        { schemas: [LIST], totalResults: 1, Resources: r.pick(['none', 5, { id: '1' }, null, true]) },
        { schemas: [LIST], totalResults: 2, Resources: [{ id: { x: 1 } }, { id: [1] }, 'str', 7, null] },
        { id: r.pick([null, {}, [], true]), userName: r.pick([[1], { a: 1 }, 5]), groups: 'x', emails: [1, 2] },
        {
          value: r.pick(['x', 1, null, { id: 1 }]),
          '@odata.nextLink': r.pick([5, {}, 'javascript:alert(1)', 'http://evil.example/x']),
        },
        {
          error: r.pick([5, [], null, { code: 1, message: { m: 2 } }]),
          error_code: r.pick([403, [], null]),
          message: r.pick([{}, 5]),
        },
      ]),
    ),
  }),
};

/** `count` bodies cycling through every kind, statuses and content types drawn from `seed`. */
export function hostileBodies(seed: number, count: number): HostileBody[] {
  const r = new Rand(createPrng(seed));
  const kinds = Object.keys(GENERATORS);
  const out: HostileBody[] = [];
  for (let i = 0; i < count; i++) {
    const gen = GENERATORS[kinds[i % kinds.length] as string] as Gen;
    const made = gen(r);
    const status = made.status ?? r.pick(STATUSES);
    const headers: Record<string, string> = { ...made.headers };
    if (status === 429 || status === 503)
      headers['retry-after'] = r.pick(['0', '1', '99999', 'soon', `${r.junk(4)}`.replace(/[^\x20-\x7e]/g, '')]);
    out.push({
      kind: made.kind,
      status,
      contentType: made.contentType ?? 'application/json',
      headers,
      body: made.body,
    });
  }
  return out;
}
