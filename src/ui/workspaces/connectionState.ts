// What the status bar says about each workspace's connection, learned from the answers its requests
// actually get (a wrapper around the transport), so it agrees with what the tree just showed.
// No `vscode` import: the wording is pure and unit-tested.
import type { HttpRequest, HttpResponse } from '../../core/http/types';
import type { TokenTransport } from '../../core/tokens/api';
import type { WorkspaceConfig } from '../common/connection';

export type ConnectionState = 'unknown' | 'ok' | 'tokenRejected' | 'credentialMissing' | 'unreachable';

/** Reads the state off every answer; everything else passes through unchanged. */
export function observeTransport(http: TokenTransport, report: (state: ConnectionState) => void): TokenTransport {
  return {
    redactor: http.redactor,
    async request(req: HttpRequest): Promise<HttpResponse> {
      let res: HttpResponse;
      try {
        res = await http.request(req);
      } catch (err) {
        if (!(err instanceof Error && /aborted|cancel/i.test(err.message))) report('unreachable');
        throw err;
      }
      report(stateOf(res));
      return res;
    },
  };
}

function stateOf(res: HttpResponse): ConnectionState {
  if (res.status === 401) return 'tokenRejected';
  // A 403 is either a bad token or a refused action; only the former is a connection problem.
  if (
    res.status === 403 &&
    /token|credential|jwt/i.test(`${res.headers['x-databricks-reason-phrase'] ?? ''} ${res.bodyText.slice(0, 500)}`)
  ) {
    return 'tokenRejected';
  }
  return 'ok';
}

const PROBLEM_WORDS: Record<Exclude<ConnectionState, 'ok' | 'unknown'>, string> = {
  tokenRejected: 'token rejected',
  credentialMissing: 'not signed in',
  unreachable: 'not reachable',
};

export interface StatusBarContent {
  text: string;
  tooltip: string;
  /** True when any workspace has a problem (warning background). */
  warning: boolean;
}

export function statusBarContent(
  workspaces: readonly WorkspaceConfig[],
  stateOf: (host: string) => ConnectionState,
): StatusBarContent | undefined {
  if (workspaces.length === 0) return undefined;
  const lines = workspaces.map((w) => `${w.name} (${w.host}): ${describeState(stateOf(w.host))}`);
  const problems = workspaces.filter((w) => isProblem(stateOf(w.host)));
  const first = problems[0];
  if (first) {
    const state = stateOf(first.host) as keyof typeof PROBLEM_WORDS;
    const more = problems.length > 1 ? ` (+${problems.length - 1})` : '';
    return {
      text: `$(warning) ${first.name}: ${PROBLEM_WORDS[state]}${more}`,
      tooltip: lines.join('\n'),
      warning: true,
    };
  }
  const count = `${workspaces.length} workspace${workspaces.length === 1 ? '' : 's'}`;
  return { text: `$(database) ${count}`, tooltip: lines.join('\n'), warning: false };
}

function isProblem(state: ConnectionState): boolean {
  return state !== 'ok' && state !== 'unknown';
}

function describeState(state: ConnectionState): string {
  return state === 'ok' ? 'connected' : state === 'unknown' ? 'not connected yet' : PROBLEM_WORDS[state];
}
