// The two group listings the CLI prints the same way for a workspace and for an account: the groups
// (id, name) and one group's members with the names people know them by.
import { describeMembers } from '../core/scim/memberDetails';
import { collectAll } from '../core/scim/paging';
import type { ScimClient } from '../core/scim/client';
import type { ScimGroup } from '../core/scim/types';
import type { Row } from './output';

export interface TableResult {
  columns: string[];
  rows: Row[];
}

type GroupLister = Pick<ScimClient, 'listAll'>;
type MemberDescriber = Pick<ScimClient, 'listAll'>;

export async function groupList(client: GroupLister): Promise<TableResult> {
  const groups = await collectAll(client.listAll('group'));
  return { columns: ['id', 'displayName'], rows: groups.map((g) => ({ id: g.id, displayName: g.displayName })) };
}

export async function memberList(client: MemberDescriber, group: ScimGroup): Promise<TableResult> {
  const members = await describeMembers(client, group.members ?? []);
  return {
    columns: ['id', 'type', 'displayName', 'userName', 'applicationId'],
    rows: members.map((m) => ({
      id: m.id,
      type: m.type,
      displayName: m.displayName,
      userName: m.userName,
      applicationId: m.applicationId,
      active: m.active,
    })),
  };
}
