// The editor tabs of report documents. Reports are read in the built-in Markdown preview; the
// Problems panel (and any link to a report) opens the document's raw text instead, so such a text
// tab is swapped for the preview. A reconcile plan's preview is closed once the plan was decided.
import * as vscode from 'vscode';
import { REPORT_SCHEME } from '../explorer/driftUris';

/** The webview type of the built-in preview ("markdown.preview", prefixed by the workbench). */
const PREVIEW_VIEW_TYPE = 'markdown.preview';

export function isMarkdownPreview(tab: vscode.Tab): boolean {
  return tab.input instanceof vscode.TabInputWebview && tab.input.viewType.includes(PREVIEW_VIEW_TYPE);
}

function allTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs);
}

/** Text tabs of `uri` (a report document opened as Markdown source). */
export function textTabsOf(uri: vscode.Uri): vscode.Tab[] {
  const key = uri.toString();
  return allTabs().filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === key);
}

/**
 * Preview tabs showing `uri`. A webview tab does not say which document it shows; the preview's
 * title is "Preview <file name>" ("[Preview] …" when locked), and report file names are unique per
 * title, so the label identifies it.
 */
export function previewTabsOf(uri: vscode.Uri): vscode.Tab[] {
  const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
  return allTabs().filter((t) => isMarkdownPreview(t) && t.label.endsWith(` ${name}`));
}

export async function closeTabs(tabs: readonly vscode.Tab[]): Promise<void> {
  if (tabs.length === 0) return;
  try {
    await vscode.window.tabGroups.close([...tabs], true);
  } catch {
    // A tab the user closed meanwhile is already gone: nothing left to close.
  }
}

/** Shows the report at `uri` in the Markdown preview, in the active editor group. */
export async function showPreview(uri: vscode.Uri): Promise<void> {
  await vscode.commands.executeCommand('markdown.showPreview', uri);
}

/**
 * Resolves once a preview tab of `uri` is in the tab model (or after `ms`): the model reaches the
 * extension a moment after the preview opened, and closing it later must find it.
 */
export function previewTabShown(uri: vscode.Uri, ms = 2_000): Promise<void> {
  if (previewTabsOf(uri).length > 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      sub.dispose();
      resolve();
    };
    const timer = setTimeout(done, ms);
    const sub = vscode.window.tabGroups.onDidChangeTabs(() => {
      if (previewTabsOf(uri).length > 0) done();
    });
  });
}

/**
 * The line the cursor of `uri`'s editor is on. The editor reaches the extension at line 0 and gets
 * the opener's selection a moment later; line 0 is a report's title, so wait `ms` for another.
 */
function cursorLine(uri: vscode.Uri, ms = 500): Promise<number | undefined> {
  const key = uri.toString();
  const line = (): number | undefined =>
    vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === key)?.selection.active.line;
  if (line()) return Promise.resolve(line());
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      for (const sub of subs) sub.dispose();
      resolve(line());
    };
    const timer = setTimeout(done, ms);
    const check = (): void => {
      if (line()) done();
    };
    const subs = [
      vscode.window.onDidChangeVisibleTextEditors(check),
      vscode.window.onDidChangeTextEditorSelection(check),
    ];
  });
}

/**
 * Whenever a report document opens as text (a Problems entry, its related information, a link),
 * shows a preview in that place and closes the text tab. `target` picks what to preview from the
 * line the text was opened at: a Problems entry points at one group's heading.
 */
export function previewReportsOpenedAsText(
  target: (uri: vscode.Uri, line: number | undefined) => vscode.Uri,
): vscode.Disposable {
  const busy = new Set<string>();
  const swap = async (uri: vscode.Uri): Promise<void> => {
    const key = uri.toString();
    if (busy.has(key)) return;
    busy.add(key);
    try {
      await showPreview(target(uri, await cursorLine(uri)));
      await closeTabs(textTabsOf(uri));
    } finally {
      busy.delete(key);
    }
  };
  return vscode.window.tabGroups.onDidChangeTabs((e) => {
    for (const tab of [...e.opened, ...e.changed])
      if (tab.input instanceof vscode.TabInputText && tab.input.uri.scheme === REPORT_SCHEME) void swap(tab.input.uri);
  });
}
