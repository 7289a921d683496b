// `npm run demo` starts the emulator and an editor with this extension, and hands the emulator's
// throwaway token over in the environment. It is stored like any PAT (secret store), and only for
// a loopback host, so this path can never carry a real workspace's token anywhere.
import { isLoopbackHostname } from '../core/http/loopback';
import { normalizeHost } from '../core/workspaces/host';
import type { PatStore } from './secrets/patStore';

export async function adoptDemoToken(pats: PatStore, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const host = env.DBX_SCIM_DEMO_HOST;
  const token = env.DBX_SCIM_DEMO_TOKEN;
  if (!host || !token) return;
  const normalized = normalizeHost(host);
  if (!isLoopbackHostname(new URL(normalized).hostname)) return;
  const current = await pats.get(normalized);
  if (current?.token !== token) await pats.set(normalized, { token });
}
