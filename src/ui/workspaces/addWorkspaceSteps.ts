// The questions of *Add Workspace* before sign-in, as plain logic over a small prompt interface so
// unit tests drive them with scripted answers (no `vscode` import). What was typed is never lost:
// a URL where no workspace answers, or a name another workspace has, re-opens the same box with
// the text as it was and the problem as its message.
import type { ProbeResult } from '../../core/workspaces/probe';
import { HostError, parseHost } from '../../core/workspaces/host';
import type { WorkspaceConfig } from '../common/connection';
import { UserCancelled } from '../common/errors';
import { defaultWorkspaceName } from '../common/workspaceEntries';

export interface InputStep {
  title: string;
  prompt: string;
  placeHolder?: string;
  /** Pre-filled text: what the user typed last time, or a suggestion. */
  value: string;
  /** Why the last answer did not work; shown until the text is changed. */
  problem?: string;
  /** Problems that block accepting the text at all (e.g. empty). */
  validate(value: string): string | undefined;
}

export interface StepPrompts {
  /** undefined: the box was dismissed. */
  input(step: InputStep): Promise<string | undefined>;
  /** Runs `task` while a progress notification titled `title` shows. */
  progress<T>(title: string, task: () => Promise<T>): Promise<T>;
  /** A question with one answer that goes ahead (`yes`); false when declined or dismissed. */
  ask(message: string, yes: string, detail?: string): Promise<boolean>;
}

export interface HostStepDeps {
  prompts: StepPrompts;
  probe(host: string): Promise<ProbeResult>;
  workspaces(): WorkspaceConfig[];
}

export const HOST_PLACEHOLDER = 'https://adb-1234567890123456.7.azuredatabricks.net';

/** A host where a workspace answers; `existing` when it is configured and the user chose to update it. */
export async function askCheckedHost(deps: HostStepDeps): Promise<{ host: string; existing?: WorkspaceConfig }> {
  let value = '';
  let problem: string | undefined;
  for (;;) {
    const typed = await deps.prompts.input({
      title: 'Add Databricks workspace',
      prompt: 'Workspace URL (paths and query strings are ignored).',
      placeHolder: HOST_PLACEHOLDER,
      value,
      ...(problem ? { problem } : {}),
      validate: hostProblem,
    });
    if (typed === undefined) throw new UserCancelled();
    value = typed;
    const parsed = parseHost(typed);
    if (parsed.warning && !(await deps.prompts.ask(`${parsed.warning} Add it anyway?`, 'Add Anyway'))) {
      problem = parsed.warning;
      continue;
    }
    const found = await deps.prompts.progress(`Looking for a Databricks workspace at ${parsed.host}…`, () =>
      deps.probe(parsed.host),
    );
    if (!found.reachable) {
      problem = `Cannot reach a Databricks workspace at ${parsed.host}: ${found.reason}.`;
      continue;
    }
    const existing = deps.workspaces().find((w) => w.host === parsed.host);
    if (!existing) return { host: parsed.host };
    const update = await deps.prompts.ask(
      `${parsed.host} is already in the explorer as "${existing.name}". Update its name and sign-in?`,
      'Update',
    );
    if (!update) throw new UserCancelled();
    return { host: parsed.host, existing };
  }
}

/** A name no other workspace has; the suggestion is the current name or one made from the host. */
export async function askName(deps: Omit<HostStepDeps, 'probe'>, host: string): Promise<string> {
  const others = deps.workspaces().filter((w) => w.host !== host);
  let value = deps.workspaces().find((w) => w.host === host)?.name ?? defaultWorkspaceName(host);
  let problem: string | undefined;
  for (;;) {
    const typed = await deps.prompts.input({
      title: 'Name for this workspace',
      prompt: 'Shown in the Databricks SCIM explorer.',
      value,
      ...(problem ? { problem } : {}),
      validate: (v) => (v.trim() ? undefined : 'Enter a name.'),
    });
    if (typed === undefined) throw new UserCancelled();
    value = typed;
    const name = typed.trim();
    const taken = others.find((w) => w.name.toLowerCase() === name.toLowerCase());
    if (!taken) return name;
    problem = `"${name}" is already the name of ${taken.host}. Choose another name.`;
  }
}

function hostProblem(value: string): string | undefined {
  try {
    parseHost(value);
    return undefined;
  } catch (err) {
    return err instanceof HostError ? err.message : String(err);
  }
}
