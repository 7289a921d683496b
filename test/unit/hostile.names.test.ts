// Names are data, never markup or terminal commands. Markdown is rendered with markdown-it (the
// renderer of VS Code's Markdown preview), HTML and linkify on, as the most permissive reader.

import { strict as assert } from 'node:assert';
import { computeDrift } from '../../src/core/drift/computeDrift';
import { planReconcile } from '../../src/core/drift/plan';
import { escapeMarkdown, markdownCode } from '../../src/core/text/markdown';
import { safeTerminalText } from '../../src/core/text/terminal';
import { formatTable } from '../../src/cli/output';
import { driftReport, planReport } from '../../src/ui/drift/reportText';
import { tooltipMarkdown } from '../../src/ui/explorer/presentation';
import { runCli } from './support/cliRunner';
import { ENTRA_GROUP, dUser, dbxGroup, dbxGroupNode, directory, eUser } from './drift.fixtures';
import { HOSTILE_PAT, reply, startHostileServer, type HostileServer } from './support/hostileServer';
import { forSuite } from './support/lifecycle';

interface MarkdownIt {
  render(src: string): string;
  renderInline(src: string): string;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- markdown-it ships no types here
const markdownIt = require('markdown-it') as (opts: object) => MarkdownIt;
const md = markdownIt({ html: true, linkify: true });

const HOST = 'https://adb-1.2.azuredatabricks.net';
const EVIL = [
  '![pixel](https://evil.example/p.png)',
  '<img src=x onerror=alert(1)>',
  '[click me](https://evil.example/login)',
  'https://evil.example and www.evil.example and evil.example and a@evil.example',
  '\n\n# Nothing will be removed\n\n',
  '| fake | cell |',
  '`code` *bold* _em_ ~~strike~~ &lt;b&gt; &#x3C;script&#x3E;',
  '\r\n- [x] 1. list\u2028> quote',
].join(' ');

/** No element a name could have added: images, links, raw HTML, extra headings. */
function assertInert(html: string, headings: number): void {
  assert.doesNotMatch(html, /<img|<a |<script|<b>/i, html);
  assert.equal((html.match(/<h[1-6]>/g) ?? []).length, headings, html);
  assert.doesNotMatch(html, /<h[1-6]>\s*Nothing will be removed/, html);
}

describe('hostile names in Markdown', () => {
  it('escapeMarkdown renders back to exactly the text, on one line, with nothing added', () => {
    const html = md.renderInline(escapeMarkdown(EVIL));
    assertInert(html, 0);
    const text = html
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
    assert.equal(text, EVIL.replace(/[\r\n\u2028]+/g, ' '));
  });

  it('markdownCode keeps any value inside one code span, also in a table cell', () => {
    const html = md.render(`| a | b |\n|---|---|\n| ${markdownCode('x|y`\n\n# h', { cell: true })} | z |`);
    assert.match(html, /<td><code>x\|y' # h<\/code><\/td>\s*<td>z<\/td>/);
    assert.equal(md.renderInline(markdownCode('x|y')), '<code>x|y</code>');
  });

  it('the reconcile plan: a display name adds no image, link, HTML or heading', () => {
    const drift = computeDrift({
      databricksGroup: dbxGroup([dUser('1', 'jane@contoso.com', EVIL)], { displayName: `data-eng ${EVIL}` }),
      directory: directory(),
      entraGroup: ENTRA_GROUP,
      entraMembers: [eUser('u9', 'bob@contoso.com', { displayName: EVIL })],
    });
    const text = planReport(`data-eng ${EVIL}`, planReconcile(drift, { allowRemovals: true }));
    assert.match(text, /\*\*remove\*\*/);
    // The title and the plan's own "Not changed" section.
    assertInert(md.render(text), 2);
  });

  it('the drift report: group, member and via names add nothing', () => {
    const drift = computeDrift({
      databricksGroup: dbxGroup([dUser('1', 'jane@contoso.com', EVIL)], { displayName: EVIL }),
      directory: directory(),
      entraGroup: { ...ENTRA_GROUP, displayName: EVIL },
      entraMembers: [eUser('u9', 'bob@contoso.com', { displayName: EVIL })],
    });
    const { text } = driftReport(`Entra drift of "${EVIL}"`, HOST, [
      { host: HOST, key: '900', drift, comparedAt: new Date(0) },
    ]);
    // The title and one heading per drifted group; the table has one body row per finding.
    assertInert(md.render(text), 2);
    assert.equal((md.render(text).match(/<tr>/g) ?? []).length, 1 + drift.findings.length);
  });

  it('a tree tooltip: the title and every value stay text', () => {
    const node = dbxGroupNode(HOST, { displayName: EVIL, externalId: EVIL });
    assertInert(md.render(tooltipMarkdown(node) ?? ''), 0);
  });
});

/** A control character other than the newlines our own output is made of. */
function controlIn(text: string): string | undefined {
  return [...text].find((ch) => {
    const c = ch.codePointAt(0) ?? 0;
    return (c < 0x20 && c !== 0x0a) || (c >= 0x7f && c <= 0x9f);
  });
}

describe('hostile names on a terminal', () => {
  const HIDE = 'ops\u001b[2K\rnothing to see\u009b2K';

  it('safeTerminalText shows control characters instead of obeying them', () => {
    assert.equal(safeTerminalText(HIDE), 'ops\\u001b[2K\\u000dnothing to see\\u009b2K');
    assert.equal(safeTerminalText('a\nb\tc', { multiline: true }), 'a\nb\tc');
    assert.equal(safeTerminalText('a\nb\u202e'), 'a\\u000ab\\u202e');
  });

  it('a table row stays one line whatever a name holds', () => {
    const table = formatTable([{ id: '1', displayName: `x\n2  ${HIDE}` }], ['id', 'displayName']);
    assert.equal(table.split('\n').length, 3);
    assert.equal(controlIn(table), undefined);
  });

  describe('dbx-scim against a hostile server (real HTTP)', () => {
    let h: HostileServer;
    forSuite(startHostileServer, (started) => (h = started));
    const env = () => ({ DATABRICKS_HOST: h.server.url, DATABRICKS_TOKEN: HOSTILE_PAT });
    const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

    it('groups list: a group name with \\e[2K\\r cannot hide a line, in the table or in --json', async () => {
      const body = {
        schemas: [LIST],
        totalResults: 2,
        startIndex: 1,
        Resources: [
          { id: '1', displayName: 'remove-me' },
          { id: '2', displayName: HIDE },
        ],
      };
      h.answer(reply(200, JSON.stringify(body)));
      const run = await runCli(env(), ['groups', 'list']);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(controlIn(run.stdout), undefined);
      assert.match(run.stdout, /remove-me/);
      const json = await runCli(env(), ['groups', 'list', '--json']);
      assert.equal(controlIn(json.stdout), undefined);
      assert.equal(
        (JSON.parse(json.stdout) as Array<{ displayName: string }>)[1]?.displayName,
        HIDE,
        '--json keeps the data',
      );
    });

    it('an error message with control characters reaches stderr inert', async () => {
      h.answer(reply(403, JSON.stringify({ error_code: 'PERMISSION_DENIED', message: `denied\u001b[2K\r${HIDE}` })));
      const run = await runCli(env(), ['users', 'list']);
      assert.equal(run.code, 1);
      assert.equal(controlIn(run.stderr), undefined);
    });

    it('users list against an HTML sign-in page with status 200 fails (exit 1), never "(none)"', async () => {
      h.answer(reply(200, '<!doctype html><html><title>Sign in</title></html>', 'text/html'));
      const run = await runCli(env(), ['users', 'list']);
      assert.equal(run.code, 1);
      assert.doesNotMatch(run.stdout, /\(none\)/);
      assert.match(run.stderr, /did not answer like Databricks SCIM/);
    });
  });
});
