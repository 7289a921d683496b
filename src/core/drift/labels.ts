// The words for each finding kind, in one table for every place a person reads them: tree
// descriptions and tooltips, the drift report, Problems entries and the CLI's tables. The kind ids
// themselves (`nestedOnly`, `notProvisioned`, …) belong to the --json contract and never reach a
// person's screen.
import type { FindingKind } from './types';

export interface FindingLabel {
  /** Short label after a count of 1: "1 not in the workspace". */
  readonly one: string;
  /** Short label after any other count. */
  readonly many: string;
  /** What the finding means, as a sentence about one principal. */
  readonly meaning: string;
  /** What to do about it. */
  readonly nextStep: string;
}

export const FINDING_LABELS: Readonly<Record<FindingKind, FindingLabel>> = {
  missing: {
    one: 'missing from the group',
    many: 'missing from the group',
    meaning: 'In the Entra group and in the workspace, but not a member of this Databricks group.',
    nextStep: 'Add it to the group, or reconcile the group with Entra ID.',
  },
  notProvisioned: {
    one: 'not in the workspace',
    many: 'not in the workspace',
    meaning: 'In the Entra group, but it does not exist in the workspace at all.',
    nextStep: 'Adding it to the group creates it in the workspace first; reconcile does both.',
  },
  nestedOnly: {
    one: 'nested in Entra only',
    many: 'nested in Entra only',
    meaning: 'A member in Entra only through a nested group, which the Entra connector never reads.',
    nextStep: 'Add it as a direct member (reconcile does), or provision the nested group itself.',
  },
  extra: {
    one: 'not in Entra',
    many: 'not in Entra',
    meaning: 'A member of the Databricks group that the Entra group does not have.',
    nextStep:
      'Remove it if Entra is right (reconcile can, with dbxScim.reconcile.allowRemovals on), or add it in Entra.',
  },
  caseMismatch: {
    one: 'name differs in case',
    many: 'names differ in case',
    meaning: 'The same user, spelled with other capital letters in Entra than in Databricks (which stores lower case).',
    nextStep: 'Make the Entra value lower case, or map userName from a lower-case attribute.',
  },
  renamed: {
    one: 'renamed in Entra',
    many: 'renamed in Entra',
    meaning: 'The linked Entra group now has another name than the Databricks group.',
    nextStep: 'Rename the Databricks group to match, or map the names in dbxScim.drift.groupMappings.',
  },
  groupMissing: {
    one: 'group without a counterpart',
    many: 'groups without a counterpart',
    meaning:
      'One side of the group pair does not exist: the Entra group has no Databricks group, or the Entra group this group is linked to was deleted.',
    nextStep: 'Provision the group, or remove the stale Databricks group after checking who it still grants access to.',
  },
};

/**
 * A notProvisioned group under an account group whose account has Automatic Identity Management:
 * the account takes it from Entra when it is first used, so it is not missing, only not used yet.
 */
export const NOT_YET_USED_LABEL: FindingLabel = {
  one: 'not yet used in Databricks',
  many: 'not yet used in Databricks',
  meaning:
    'An Entra group the account does not hold yet: with Automatic Identity Management it is taken from Entra the first time it is used.',
  nextStep:
    'Nothing is missing. Use it (add it to a group or assign it to a workspace) when its members need access; reconcile does not create groups.',
};

/** The words for one finding: its kind's, or "not yet used" when that is what it is. */
export function findingLabel(f: { kind: FindingKind; notYetUsed?: boolean }): FindingLabel {
  return f.notYetUsed ? NOT_YET_USED_LABEL : FINDING_LABELS[f.kind];
}

/** "1 not in the workspace", "2 names differ in case". */
export function countLabel(kind: FindingKind, n: number): string {
  const label = FINDING_LABELS[kind];
  return `${n} ${n === 1 ? label.one : label.many}`;
}

/** The short label with a capital first letter, for table cells and headings. */
export function kindTitle(kind: FindingKind): string {
  const { one } = FINDING_LABELS[kind];
  return one.charAt(0).toUpperCase() + one.slice(1);
}

/** Whether the Entra connector will ever fix a finding, in words. */
export function connectorText(willFix: boolean): string {
  return willFix
    ? 'The Entra provisioning connector fixes this on its next cycle (every 20–40 minutes).'
    : 'The Entra provisioning connector will never fix this.';
}
