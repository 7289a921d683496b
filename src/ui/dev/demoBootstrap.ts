// `npm run demo` starts the emulators and an editor with this extension, and hands the emulators'
// throwaway tokens over in the environment. The PAT is stored like any PAT (secret store), the
// Graph token only used; both only for loopback hosts, so this path can never carry a real
// workspace's or tenant's token anywhere.
import { isLoopbackHostname } from '../../core/http/loopback';
import { normalizeHost } from '../../core/workspaces/host';
import type { PatStore } from '../workspaces/patStore';

export async function adoptDemoToken(pats: PatStore, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const host = env.DBX_SCIM_DEMO_HOST;
  const token = env.DBX_SCIM_DEMO_TOKEN;
  if (!host || !token) return;
  const normalized = normalizeHost(host);
  if (!isLoopbackHostname(new URL(normalized).hostname)) return;
  const current = await pats.get(normalized);
  if (current?.token !== token) await pats.set(normalized, { token });
}

/** The demo's Graph emulator token, when the Graph endpoint is a loopback emulator. */
export function demoGraphToken(graphEndpoint: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const token = env.DBX_SCIM_DEMO_GRAPH_TOKEN;
  if (!token) return undefined;
  try {
    return isLoopbackHostname(new URL(graphEndpoint).hostname) ? token : undefined;
  } catch {
    return undefined;
  }
}
