// Which hosts that are not Azure Databricks may receive the user's Microsoft Entra token (Entra
// sign-in and Azure CLI workspaces). Such a token works on every Azure Databricks workspace the
// user can reach, so it goes elsewhere only after a yes to that exact host, asked once and kept
// in this machine's globalState (not synced: a yes on one machine is not a yes on another).
import type * as vscode from 'vscode';
import { isAzureDatabricksHost } from '../../core/workspaces/host';
import { confirmed } from '../common/consent';

const KEY = 'dbxScim.entraHostsConfirmed';

export class EntraHosts {
  constructor(private readonly state: vscode.Memento) {}

  /** Azure Databricks, or a host the user confirmed before. */
  allows(host: string): boolean {
    return isAzureDatabricksHost(host) || this.confirmedHosts().includes(host);
  }

  /** Asks when needed; false when the user did not say yes. */
  async confirm(host: string): Promise<boolean> {
    if (this.allows(host)) return true;
    const yes = await confirmed(
      `Send your Microsoft Entra token to ${host}?`,
      {
        detail:
          `${host} does not look like an Azure Databricks workspace (….azuredatabricks.net, ….databricks.azure.cn, ….databricks.azure.us). ` +
          'Whoever runs it could use the token as you on every Azure Databricks workspace you can reach. Confirm only a host you trust; you are asked once per host.',
      },
      'Send Token',
    );
    if (yes) await this.state.update(KEY, [...this.confirmedHosts(), host]);
    return yes;
  }

  private confirmedHosts(): string[] {
    const value = this.state.get<unknown>(KEY);
    return Array.isArray(value) ? value.filter((h): h is string => typeof h === 'string') : [];
  }
}
