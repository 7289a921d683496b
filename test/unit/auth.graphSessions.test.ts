// Graph token selection for the extension (src/ui/common/auth/graphSessions.ts) with a fake VS Code
// session getter: Graph scopes for the configured endpoint, tenant and client id; silent first and
// interactive only when a person started the action; a programmatic token used as given; and the
// token reaching the Graph emulator over real HTTP through the shared transport.
import { strict as assert } from 'node:assert';
import type { AzureTokenCredential } from '../../src/core/auth/tokenSources';
import { GraphClient } from '../../src/core/graph/client';
import { HttpClient } from '../../src/core/http/client';
import {
  GraphSignInRequired,
  graphSessionScopes,
  graphTokenProvider,
  type GraphTokenInputs,
} from '../../src/ui/common/auth/graphSessions';
import type { SessionGetter } from '../../src/ui/common/auth/tokenSource';
import { startGraphEmulator } from '../emulator/graph';

interface Call {
  scopes: readonly string[];
  options: { silent?: boolean; createIfNone?: boolean };
}

function fakeSessions(
  token: string | undefined,
  interactiveToken?: string,
): { getSession: SessionGetter; calls: Call[] } {
  const calls: Call[] = [];
  const getSession: SessionGetter = async (_provider, scopes, options) => {
    calls.push({ scopes, options });
    if (options.silent) return token === undefined ? undefined : { accessToken: token };
    return interactiveToken === undefined ? undefined : { accessToken: interactiveToken };
  };
  return { getSession, calls };
}

const noAzure = async (): Promise<AzureTokenCredential> => {
  throw new Error('@azure/identity must not be loaded here');
};

function inputs(over: Partial<GraphTokenInputs>): GraphTokenInputs {
  return {
    endpoint: 'https://graph.microsoft.com',
    workspaceAuth: 'pat',
    getSession: fakeSessions(undefined).getSession,
    loadAzureCredential: noAzure,
    interactive: false,
    onToken: () => undefined,
    ...over,
  };
}

describe('Graph tokens in the extension (graphSessions)', () => {
  it('asks for delegated Graph scopes of the configured cloud, pinned to the tenant and client id', () => {
    assert.deepEqual(graphSessionScopes('https://graph.microsoft.us/v1.0', 'contoso.onmicrosoft.com', 'app-1'), [
      'https://graph.microsoft.us/GroupMember.Read.All',
      'https://graph.microsoft.us/Application.Read.All',
      'VSCODE_TENANT:contoso.onmicrosoft.com',
      'VSCODE_CLIENT_ID:app-1',
    ]);
    assert.deepEqual(graphSessionScopes('https://graph.microsoft.com'), [
      'https://graph.microsoft.com/GroupMember.Read.All',
      'https://graph.microsoft.com/Application.Read.All',
    ]);
  });

  it('uses an existing session silently and never opens a sign-in for a background caller', async () => {
    const silent = fakeSessions('tok-1');
    const seen: string[] = [];
    const provider = await graphTokenProvider(inputs({ getSession: silent.getSession, onToken: (t) => seen.push(t) }));
    assert.equal(provider.origin, 'https://graph.microsoft.com');
    assert.equal(await provider.getToken(), 'tok-1');
    assert.ok(silent.calls.every((c) => c.options.silent === true));
    assert.ok(seen.includes('tok-1'), 'every token is handed to the redactor');

    const none = fakeSessions(undefined, 'never');
    await assert.rejects(graphTokenProvider(inputs({ getSession: none.getSession })), GraphSignInRequired);
    assert.ok(
      none.calls.every((c) => c.options.silent === true),
      'no interactive sign-in without a person asking',
    );
  });

  it('signs in interactively only when a person started the action', async () => {
    const sessions = fakeSessions(undefined, 'tok-2');
    const provider = await graphTokenProvider(inputs({ getSession: sessions.getSession, interactive: true }));
    assert.deepEqual(
      sessions.calls.map((c) => c.options),
      [{ silent: true }, { createIfNone: true }],
    );
    assert.ok(provider);
  });

  it('uses a programmatic token as given, without asking VS Code, and it reads the Graph emulator', async () => {
    const emu = await startGraphEmulator({ org: 'demo' });
    const sessions = fakeSessions('unused');
    const provider = await graphTokenProvider(
      inputs({ endpoint: emu.url, getSession: sessions.getSession, explicitToken: ` ${emu.token} ` }),
    );
    assert.equal(sessions.calls.length, 0);
    assert.equal(provider.origin, emu.url);
    const http = new HttpClient({ auth: provider, noProxyFromEnv: true });
    try {
      const graph = new GraphClient({ endpoint: emu.url, http });
      const groups = await graph.findGroups('platform-ops');
      assert.equal(groups.length, 1);
    } finally {
      await http.close();
      await emu.close();
    }
  });
});
