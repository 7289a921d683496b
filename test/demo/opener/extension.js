// Opens the Databricks SCIM view once the demo window has started, so the page `npm run demo`
// names shows the explorer without a click. Only the demo's throwaway profile installs this.
'use strict';
/* global require, exports */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const vscode = require('vscode');

exports.activate = () => {
  void vscode.commands.executeCommand('workbench.view.extension.dbxScim');
};
