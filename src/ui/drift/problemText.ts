// The text of a group's Problems entry, without `vscode` so it is checked in unit tests. A group
// whose comparison was incomplete gets an entry even without findings: it is not known to be in sync.
import { describeFindings } from '../../core/drift/report';
import type { GroupDrift } from '../../core/drift/types';

/** The message, or undefined when the group is in sync and complete (no entry). */
export function problemMessage(d: GroupDrift): string | undefined {
  if (d.findings.length === 0 && d.complete) return undefined;
  const name = d.databricksGroup?.displayName ?? d.entraGroup.displayName;
  if (!d.databricksGroup) return `Entra group "${name}" has no Databricks group`;
  if (d.findings.some((f) => f.kind === 'groupMissing')) {
    return `Group "${name}" is linked (externalId ${d.entraGroup.id}) to an Entra group that no longer exists: its members keep access nobody manages`;
  }
  const incomplete = d.complete
    ? ''
    : ` — incomplete, not compared: ${d.notCompared.map((n) => `${n.displayName} (${n.reason})`).join('; ')}`;
  return `Group "${name}" differs from Entra group "${d.entraGroup.displayName}": ${describeFindings(d.findings) || 'no difference among the members compared'}${incomplete}`;
}
