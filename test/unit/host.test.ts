// Workspace host parsing (src/core/workspaces/host.ts): what people paste becomes one normalized
// origin, or a message that says what to change.
import { strict as assert } from 'node:assert';
import {
  classifyHost,
  HostError,
  isAzureDatabricksHost,
  normalizeHost,
  parseHost,
  type HostKind,
} from '../../src/core/workspaces/host';

describe('workspace host parsing', () => {
  it('strips paths, queries, fragments and trailing slashes, and lower-cases the host', () => {
    const cases: Array<[string, string]> = [
      [
        'https://ADB-1234567890123456.7.azuredatabricks.net/?o=1234567890123456#job/1',
        'https://adb-1234567890123456.7.azuredatabricks.net',
      ],
      ['adb-1234567890123456.7.azuredatabricks.net', 'https://adb-1234567890123456.7.azuredatabricks.net'],
      ['  https://adb-1.2.azuredatabricks.net/sql/editor?x=y  ', 'https://adb-1.2.azuredatabricks.net'],
      ['https://adb-1.2.azuredatabricks.net///', 'https://adb-1.2.azuredatabricks.net'],
      ['https://dbc-1a2b3c4d-5e6f.cloud.databricks.com/login', 'https://dbc-1a2b3c4d-5e6f.cloud.databricks.com'],
    ];
    for (const [input, expected] of cases) {
      const parsed = parseHost(input);
      assert.equal(parsed.host, expected, input);
      assert.equal(parsed.warning, undefined, input);
    }
  });

  it('keeps a non-default port, which is part of the origin', () => {
    assert.equal(
      normalizeHost('https://adb-1.2.azuredatabricks.net:8443/x'),
      'https://adb-1.2.azuredatabricks.net:8443',
    );
  });

  it('refuses plain http except for loopback emulators', () => {
    assert.throws(
      () => parseHost('http://adb-1.2.azuredatabricks.net'),
      (e: unknown) => e instanceof HostError && /https:\/\//.test(e.message),
    );
    assert.equal(parseHost('http://127.0.0.1:8080/api').host, 'http://127.0.0.1:8080');
    assert.equal(parseHost('http://localhost:9000').host, 'http://localhost:9000');
    assert.equal(parseHost('http://[::1]:9000').host, 'http://[::1]:9000');
    assert.throws(() => parseHost('ftp://adb-1.2.azuredatabricks.net'), HostError);
  });

  it('refuses a user name or password in the URL', () => {
    assert.throws(
      () => parseHost('https://token:dapi0123456789abcdef0123456789abcdef@adb-1.2.azuredatabricks.net'),
      (e: unknown) =>
        e instanceof HostError && /user name or password/.test(e.message) && !e.message.includes('dapi0123'),
    );
  });

  it('accepts unknown hosts with a warning the UI asks about', () => {
    const parsed = parseHost('https://databricks.example.com/');
    assert.equal(parsed.host, 'https://databricks.example.com');
    assert.match(parsed.warning ?? '', /does not look like a Databricks workspace host/);
  });

  it('explains empty and malformed input', () => {
    assert.throws(
      () => parseHost('   '),
      (e: unknown) => e instanceof HostError && /Enter the workspace URL/.test(e.message),
    );
    assert.throws(
      () => parseHost('https://'),
      (e: unknown) => e instanceof HostError && /is not a URL/.test(e.message),
    );
  });
});

describe('host classification (where an Entra token may go unasked)', () => {
  it('sorts hosts into Azure Databricks, other Databricks clouds, loopback and unknown', () => {
    const table: Array<[string, HostKind]> = [
      ['https://adb-1234567890123456.7.azuredatabricks.net', 'azureDatabricks'],
      ['adb-1.2.azuredatabricks.net/?o=1', 'azureDatabricks'],
      ['https://ADB-1.2.AzureDatabricks.NET:8443', 'azureDatabricks'],
      ['https://accounts.azuredatabricks.net', 'azureDatabricks'],
      ['https://adb-1.2.databricks.azure.cn', 'azureDatabricks'],
      ['https://adb-1.2.databricks.azure.us', 'azureDatabricks'],
      ['https://dbc-1a2b3c4d-5e6f.cloud.databricks.com', 'otherDatabricks'],
      ['https://1234567890.1.gcp.databricks.com', 'otherDatabricks'],
      ['http://127.0.0.1:8080', 'loopback'],
      ['https://localhost:8443', 'loopback'],
      ['http://[::1]:9000', 'loopback'],
      ['https://databricks.example.com', 'unknown'],
      // Look-alikes: the zone must be the end of the name, after a dot.
      ['https://azuredatabricks.net', 'unknown'],
      ['https://adb-1.2.azuredatabricks.net.evil.example', 'unknown'],
      ['https://adb-1.2.azuredatabricks.net.', 'unknown'],
      ['https://evilazuredatabricks.net', 'unknown'],
      ['https://adb-1.2.azuredatabricks.network', 'unknown'],
      ['https://adb-1.2.databricks.azure.com', 'unknown'],
      ['https://xn--adb-1-azuredatabricks-net.example', 'unknown'],
      ['http://adb-1.2.azuredatabricks.net', 'unknown'],
      ['not a url at all', 'unknown'],
    ];
    for (const [input, kind] of table) assert.equal(classifyHost(input), kind, input);
  });

  it('isAzureDatabricksHost is true for the Azure Databricks zones only', () => {
    assert.equal(isAzureDatabricksHost('https://adb-1.2.azuredatabricks.net'), true);
    assert.equal(isAzureDatabricksHost('https://adb-1.2.databricks.azure.us'), true);
    assert.equal(isAzureDatabricksHost('http://127.0.0.1:8080'), false);
    assert.equal(isAzureDatabricksHost('https://dbc-1.cloud.databricks.com'), false);
  });
});
