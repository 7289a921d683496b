// Named knob sets. `realistic` is a workspace as it behaves in production, limits included: a
// client that only ever met the default (lenient) emulator fails against it the way it would fail
// on a real workspace. Defaults stay lenient so that a test turns on only what it is about.

import { ACCOUNT_RATE_LIMITS } from './account/rateLimits';
import type { FilterableAttributes, Knobs, ProfileName } from './types';

/**
 * The attributes the public record shows workspace SCIM filtering on; anything else (notably `id`
 * and `externalId` on users and groups) is not known to work, so a realistic workspace refuses it.
 */
export const EVIDENCED_FILTER_ATTRIBUTES: FilterableAttributes = Object.freeze({
  user: Object.freeze(['userName', 'active']),
  group: Object.freeze(['displayName']),
  servicePrincipal: Object.freeze(['applicationId', 'displayName', 'id']),
});

export const realisticKnobs: Readonly<Partial<Knobs>> = Object.freeze({
  latencyMs: 30,
  concurrencyLimit: 4,
  concurrencyAnswer: 'concurrent500',
  getRateLimit: 255,
  getRateWindowMs: 60_000,
  slowMeMs: 1500,
  filterableAttributes: EVIDENCED_FILTER_ATTRIBUTES,
  unknownMemberStatus: 404,
  defaultTokenLifetimeDays: 730,
  revokeUnusedTokenDays: 90,
  accountPageCap: 100,
  accountListMembers: false,
  strictMemberRemove: true,
  accountRateLimits: ACCOUNT_RATE_LIMITS,
  aim: true,
  // A Beta: many workspaces do not have it, so a client must feature-detect and fall back.
  identityV2: false,
});

export const profiles: Readonly<Record<ProfileName, Readonly<Partial<Knobs>>>> = Object.freeze({
  default: Object.freeze({}),
  realistic: realisticKnobs,
});

export function isProfileName(name: string): name is ProfileName {
  return Object.prototype.hasOwnProperty.call(profiles, name);
}
