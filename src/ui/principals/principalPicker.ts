// A QuickPick that searches the workspace as you type (users, groups, service principals): each
// keystroke pause sends one small filtered page per kind, the previous search is aborted, and what
// was already ticked stays ticked when the query changes.
import * as vscode from 'vscode';
import type { ScimClient } from '../../core/scim/client';
import { KIND_NOUNS, type PrincipalKind } from '../../core/scim/types';
import { hitName, searchPrincipals, type PrincipalHit } from './principalSearch';

export interface PickOptions {
  title: string;
  placeholder: string;
  canPickMany: boolean;
  kinds?: readonly PrincipalKind[];
  /** Ids not offered (the group being edited, its current members). */
  exclude?: ReadonlySet<string>;
  /** Ids shown with a note instead of being hidden, e.g. "already a member". */
  note?: ReadonlyMap<string, string>;
  count?: number;
}

interface HitItem extends vscode.QuickPickItem {
  hit: PrincipalHit;
}

/** Wait between the last keystroke and the request: fast typists send one query, not five. */
const DEBOUNCE_MS = 250;

export const KIND_ICONS: Record<PrincipalKind, string> = {
  user: 'person',
  group: 'organization',
  servicePrincipal: 'robot',
};

function itemFor(hit: PrincipalHit, note: string | undefined): HitItem {
  const secondary = hit.kind === 'group' ? (hit.source === 'account' ? 'account group' : 'group') : hitName(hit);
  return {
    label: hit.displayName,
    description: note ? `${secondary} · ${note}` : secondary,
    detail: undefined,
    iconPath: new vscode.ThemeIcon(KIND_ICONS[hit.kind]),
    // The server already filtered; VS Code's own label filter would hide matches on userName.
    alwaysShow: true,
    hit,
  };
}

const keyOf = (hit: PrincipalHit) => `${hit.kind}:${hit.id}`;

/** Resolves to the picked principals, or undefined when the picker was dismissed. */
export function pickPrincipals(client: ScimClient, opts: PickOptions): Promise<PrincipalHit[] | undefined> {
  const qp = vscode.window.createQuickPick<HitItem>();
  qp.title = opts.title;
  qp.placeholder = opts.placeholder;
  qp.canSelectMany = opts.canPickMany;
  qp.matchOnDescription = true;
  qp.ignoreFocusOut = true;

  let timer: NodeJS.Timeout | undefined;
  let inFlight: AbortController | undefined;
  // Ticked items by key, kept across queries (QuickPick forgets the selection when items change).
  const kept = new Map<string, HitItem>();

  const show = (hits: readonly PrincipalHit[], error?: string) => {
    const selected = [...kept.values()];
    const matched = hits.filter((h) => !opts.exclude?.has(h.id));
    const fresh = matched.filter((h) => !kept.has(keyOf(h))).map((h) => itemFor(h, opts.note?.get(h.id)));
    const items: HitItem[] = [...selected, ...fresh];
    qp.items = items;
    if (opts.canPickMany) qp.selectedItems = selected;
    qp.title = pickerTitle(opts, qp.value, matched.length, error);
  };

  const search = (query: string) => {
    inFlight?.abort();
    const controller = new AbortController();
    inFlight = controller;
    qp.busy = true;
    searchPrincipals(client, query, {
      signal: controller.signal,
      count: opts.count ?? 10,
      ...(opts.kinds ? { kinds: opts.kinds } : {}),
    })
      .then((hits) => {
        if (!controller.signal.aborted) show(hits);
      })
      .catch((err: unknown) => {
        if (!controller.signal.aborted) show([], err instanceof Error ? firstSentence(err) : String(err));
      })
      .finally(() => {
        if (inFlight === controller) qp.busy = false;
      });
  };

  return new Promise((resolve) => {
    let accepted = false;
    qp.onDidChangeSelection((items) => {
      if (!opts.canPickMany) return;
      // Items unticked while visible leave `kept`; ticked ones join it.
      const visible = new Set(qp.items.map((i) => keyOf(i.hit)));
      for (const key of [...kept.keys()]) if (visible.has(key)) kept.delete(key);
      for (const item of items) kept.set(keyOf(item.hit), item);
    });
    qp.onDidChangeValue((value) => {
      clearTimeout(timer);
      timer = setTimeout(() => search(value), DEBOUNCE_MS);
    });
    qp.onDidAccept(() => {
      const picked = opts.canPickMany ? [...kept.values()] : [...qp.selectedItems];
      if (picked.length === 0) return;
      accepted = true;
      resolve(picked.map((i) => i.hit));
      qp.hide();
    });
    qp.onDidHide(() => {
      clearTimeout(timer);
      inFlight?.abort();
      qp.dispose();
      if (!accepted) resolve(undefined);
    });
    qp.show();
    search('');
  });
}

/**
 * The picker's title after a search: the error when it failed, "no … match" only when the search
 * found nobody (a match already ticked, or shown as "already a member", is a match).
 */
export function pickerTitle(
  opts: Pick<PickOptions, 'title' | 'kinds'>,
  query: string,
  matched: number,
  error?: string,
): string {
  if (error) return `${opts.title} — ${error}`;
  return matched === 0 && query.trim() !== ''
    ? `${opts.title} — no ${kindsText(opts.kinds)} match "${query.trim()}"`
    : opts.title;
}

function kindsText(kinds: readonly PrincipalKind[] | undefined): string {
  if (!kinds || kinds.length === 3) return 'principals';
  return kinds.map((k) => `${KIND_NOUNS[k]}s`).join(' or ');
}

function firstSentence(err: Error): string {
  const text = 'userMessage' in err && typeof err.userMessage === 'string' ? err.userMessage : err.message;
  return text.split(/(?<=\.)\s/)[0] ?? text;
}
