// Entry point of dist/azure-identity.js. @azure/identity (and MSAL under it) is bundled on its own,
// so neither activation nor the CLI's start pays for it; tokenSources.ts loads it on first use.
export { AzureCliCredential, DefaultAzureCredential } from '@azure/identity';
