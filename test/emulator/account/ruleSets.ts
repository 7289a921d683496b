// Group rule sets (`/api/2.0/preview/accounts/{account_id}/access-control/rule-sets`): who manages
// an account group. GET ?name=&etag= reads (creating an empty rule set on first read, as every
// group has one); PUT {name, rule_set: {name, etag, grant_rules}} replaces it when `etag` is the
// current one — a stale etag is a 409 and a missing one a 400, so a client must read, modify, write.

import type { ApiRequest, Reply, Services } from '../context';
import { databricksError } from '../errors';
import type { AccountState, GrantRule, RuleSet } from './accountState';
import { GROUP_MANAGER_ROLE, isAccountAdmin, isGroupManager, notAccountAdmin } from './roles';

type Json = Record<string, unknown>;

export function ruleSetRoutes(s: Services, req: ApiRequest): Reply | undefined {
  const account = s.scope?.account;
  if (!account) return undefined;
  if (req.method === 'GET') {
    const name = req.query.name ?? '';
    groupOfRuleSet(account, name);
    return { status: 200, body: ruleSetJson(name, account.ruleSet(name)) };
  }
  if (req.method !== 'PUT') return undefined;
  const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Json;
  const ruleSet = (typeof body.rule_set === 'object' && body.rule_set !== null ? body.rule_set : {}) as Json;
  const name = typeof body.name === 'string' ? body.name : '';
  const groupId = groupOfRuleSet(account, name);
  if (!isAccountAdmin(account, req.caller.id) && !isGroupManager(account, groupId, req.caller.id)) {
    throw notAccountAdmin();
  }
  if (typeof ruleSet.etag !== 'string' || ruleSet.etag === '') {
    throw invalid('rule_set.etag is required: read the rule set first and send back its etag.');
  }
  const current = account.ruleSet(name);
  if (ruleSet.etag !== current.etag) {
    throw databricksError(
      409,
      'RESOURCE_CONFLICT',
      'Conflict with another job: the rule set was changed since it was read. Read it again and retry with the new etag.',
    );
  }
  const rules = grantRulesOf(account, ruleSet.grant_rules);
  return { status: 200, body: ruleSetJson(name, account.putRuleSet(name, rules)) };
}

/** The group id in `accounts/{account_id}/groups/{group_id}/ruleSets/default`; the group must be an account group. */
function groupOfRuleSet(account: AccountState, name: string): string {
  const m = /^accounts\/([^/]+)\/groups\/([^/]+)\/ruleSets\/default$/.exec(name);
  if (!m || m[1] !== account.id) throw invalid(`Invalid rule set name: ${name}`);
  const group = account.state.directory.groups.get(m[2] as string);
  if (!group || !account.visibleInAccount(group)) {
    throw databricksError(404, 'RESOURCE_DOES_NOT_EXIST', `Group ${m[2] as string} does not exist.`);
  }
  return group.id;
}

function grantRulesOf(account: AccountState, raw: unknown): GrantRule[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw invalid('grant_rules must be a list.');
  return raw.map((r: unknown) => {
    const rule = (typeof r === 'object' && r !== null ? r : {}) as Json;
    if (rule.role !== GROUP_MANAGER_ROLE) throw invalid(`Role ${String(rule.role)} cannot be granted on a group.`);
    const principals = Array.isArray(rule.principals) ? rule.principals.map(String) : [];
    for (const p of principals) checkPrincipalName(account, p);
    return { role: GROUP_MANAGER_ROLE, principals };
  });
}

/** `users/<userName>`, `servicePrincipals/<applicationId>`, `groups/<displayName>` of an account principal. */
function checkPrincipalName(account: AccountState, name: string): void {
  const [type, ...restParts] = name.split('/');
  const rest = restParts.join('/');
  const state = account.state;
  const rec =
    type === 'users'
      ? state.findUser(rest)
      : type === 'servicePrincipals'
        ? state.findServicePrincipal(rest)
        : type === 'groups'
          ? state.findGroup(rest)
          : undefined;
  if (!rec || !account.visibleInAccount(rec)) throw invalid(`Principal ${name} does not exist in the account.`);
}

function ruleSetJson(name: string, rs: RuleSet): Json {
  const out: Json = { name, etag: rs.etag };
  if (rs.grantRules.length > 0) out.grant_rules = rs.grantRules;
  return out;
}

function invalid(message: string): Error {
  return databricksError(400, 'INVALID_PARAMETER_VALUE', message);
}
