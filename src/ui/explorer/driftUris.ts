// Custom-scheme URIs that tie tree rows to drift decorations (the renderer puts them in
// TreeItem.resourceUri; DriftDecorations answers for them) and name the drift report documents
// (the Problems entries live on those). The host travels in the query, so any host string —
// loopback emulators with ports included — round-trips unchanged.
import * as vscode from 'vscode';

export const DECORATION_SCHEME = 'dbxscim-drift';
export const REPORT_SCHEME = 'dbxscim-drift-report';

export function groupDriftUri(host: string, groupId: string): vscode.Uri {
  return vscode.Uri.from({
    scheme: DECORATION_SCHEME,
    path: `/group/${groupId}`,
    query: new URLSearchParams({ host }).toString(),
  });
}

export function memberDriftUri(host: string, groupId: string, memberId: string): vscode.Uri {
  return vscode.Uri.from({
    scheme: DECORATION_SCHEME,
    path: `/member/${groupId}/${memberId}`,
    query: new URLSearchParams({ host }).toString(),
  });
}

export type DecorationTarget =
  | { kind: 'group'; host: string; groupId: string }
  | { kind: 'member'; host: string; groupId: string; memberId: string };

export function parseDecorationUri(uri: vscode.Uri): DecorationTarget | undefined {
  if (uri.scheme !== DECORATION_SCHEME) return undefined;
  const host = new URLSearchParams(uri.query).get('host');
  const parts = uri.path.split('/').filter(Boolean);
  if (!host) return undefined;
  if (parts[0] === 'group' && parts[1]) return { kind: 'group', host, groupId: parts[1] };
  if (parts[0] === 'member' && parts[1] && parts[2])
    return { kind: 'member', host, groupId: parts[1], memberId: parts[2] };
  return undefined;
}

/** The workspace report (groupId undefined) or one group's report, as a Markdown document. */
export function reportUri(host: string, groupId?: string, title = 'Entra drift'): vscode.Uri {
  const query = new URLSearchParams({ host, ...(groupId ? { group: groupId } : {}) }).toString();
  const label = host.replace(/^https?:\/\//, '').replace(/[^\w.-]+/g, '_');
  return vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/${label}/${title.replace(/[\\/]+/g, '_')}.md`, query });
}

export function parseReportUri(uri: vscode.Uri): { host: string; groupId?: string } | undefined {
  if (uri.scheme !== REPORT_SCHEME) return undefined;
  const q = new URLSearchParams(uri.query);
  const host = q.get('host');
  if (!host) return undefined;
  const groupId = q.get('group');
  return groupId ? { host, groupId } : { host };
}
