// computeDrift, table-driven: every finding kind, connectorWillFix and via, and the options.

import { strict as assert } from 'node:assert';
import { computeDrift } from '../../src/core/drift/computeDrift';
import { driftJson, describeFindings } from '../../src/core/drift/report';
import type {
  DatabricksDirectory,
  DatabricksGroup,
  DriftFinding,
  DriftOptions,
  EntraMember,
} from '../../src/core/drift/types';
import {
  ENTRA_GROUP,
  dGroup,
  dSp,
  dUser,
  dbxGroup,
  directory,
  eGroup,
  eSp,
  eUser,
  finding as f,
  via,
} from './drift.fixtures';

const APP_ETL = '11111111-0000-0000-0000-000000000001';
const APP_NEW = '11111111-0000-0000-0000-000000000002';
const NESTED = { id: 'e0000000-0000-0000-0000-0000000000aa', displayName: 'eu-contractors' };
const INNER = { id: 'e0000000-0000-0000-0000-0000000000bb', displayName: 'eu-interns' };
const ML = { id: 'e0000000-0000-0000-0000-0000000000cc', displayName: 'ml-engineers' };

interface Row {
  name: string;
  group: DatabricksGroup | undefined;
  dir?: DatabricksDirectory;
  entra: EntraMember[];
  options?: DriftOptions;
  expected: DriftFinding[];
}

const ROWS: Row[] = [
  {
    name: 'in sync: users, a service principal and a nested group match → no findings',
    group: dbxGroup([dUser('1', 'jane@contoso.com'), dSp('2', APP_ETL, 'etl'), dGroup('3', 'ml-engineers', ML.id)]),
    entra: [
      eUser('u1', 'jane@contoso.com'),
      eSp('s1', APP_ETL, 'etl'),
      eGroup(ML.id, 'ml-engineers'),
      eUser('u9', 'kim@contoso.com', via(ML)),
    ],
    expected: [],
  },
  {
    name: 'missing user (exists in the workspace, lower-case UPN): the connector will add it',
    group: dbxGroup([]),
    dir: directory({ users: [{ id: '7', userName: 'jane@contoso.com' }] }),
    entra: [eUser('u1', 'jane@contoso.com')],
    expected: [f('missing', 'user', 'jane@contoso.com', 'jane', true)],
  },
  {
    name: 'missing user with an upper-case UPN: also caseMismatch, and the connector will not fix either',
    group: dbxGroup([]),
    dir: directory({ users: [{ id: '7', userName: 'jane@contoso.com' }] }),
    entra: [eUser('u1', 'Jane@Contoso.com', { displayName: 'Jane' })],
    expected: [
      f('missing', 'user', 'jane@contoso.com', 'Jane', false),
      { ...f('caseMismatch', 'user', 'jane@contoso.com', 'Jane', false), entraKey: 'Jane@Contoso.com' },
    ],
  },
  {
    name: 'missing user in a group without the externalId link: nothing shows the connector manages it, so false',
    group: dbxGroup([], { externalId: undefined }),
    dir: directory({ users: [{ id: '7', userName: 'jane@contoso.com' }] }),
    entra: [eUser('u1', 'jane@contoso.com'), eUser('u2', 'new@contoso.com')],
    expected: [
      f('missing', 'user', 'jane@contoso.com', 'jane', false),
      f('notProvisioned', 'user', 'new@contoso.com', 'new', false),
    ],
  },
  {
    name: 'caseMismatch is left to the nested group when that group covers the member; reported when nestedOnly',
    group: dbxGroup([dGroup('3', 'ml-engineers', ML.id)]),
    dir: directory({
      users: [
        { id: '7', userName: 'kim@contoso.com' },
        { id: '8', userName: 'lee@contoso.com' },
      ],
    }),
    entra: [
      eGroup(ML.id, 'ml-engineers'),
      eUser('u1', 'Kim@contoso.com', via(ML)),
      eUser('u2', 'Lee@contoso.com', via(NESTED)),
    ],
    expected: [
      f('nestedOnly', 'user', 'lee@contoso.com', 'Lee', false, ['eu-contractors']),
      { ...f('caseMismatch', 'user', 'lee@contoso.com', 'Lee', false), entraKey: 'Lee@contoso.com' },
    ],
  },
  {
    name: 'missing service principal: never synced by the connector',
    group: dbxGroup([]),
    dir: directory({ servicePrincipals: [{ id: '8', applicationId: APP_ETL }] }),
    entra: [eSp('s1', APP_ETL.toUpperCase(), 'etl')],
    expected: [f('missing', 'servicePrincipal', APP_ETL, 'etl', false)],
  },
  {
    name: 'missing group, found by externalId under another name: keyed by the Databricks name',
    group: dbxGroup([]),
    dir: directory({ groups: [{ id: '9', displayName: 'ml-eng-dbx', externalId: ML.id }] }),
    entra: [eGroup(ML.id, 'ml-engineers')],
    expected: [f('missing', 'group', 'ml-eng-dbx', 'ml-engineers', false)],
  },
  {
    name: 'notProvisioned: a direct user the connector will create; an SP and a group it will not',
    group: dbxGroup([]),
    entra: [
      eUser('u1', 'New.Hire@contoso.com', { displayName: 'New Hire' }),
      eSp('s2', APP_NEW, 'new-sp'),
      eGroup(NESTED.id, NESTED.displayName),
    ],
    expected: [
      f('notProvisioned', 'servicePrincipal', APP_NEW, 'new-sp', false),
      f('notProvisioned', 'group', 'eu-contractors', 'eu-contractors', false),
      f('notProvisioned', 'user', 'new.hire@contoso.com', 'New Hire', true),
    ],
  },
  {
    name: 'nestedOnly: reached through a nested group the Databricks group does not hold; via names it',
    group: dbxGroup([]),
    dir: directory({ users: [{ id: '7', userName: 'andre@contoso.com' }] }),
    entra: [eUser('u2', 'andre@contoso.com', via(NESTED))],
    expected: [f('nestedOnly', 'user', 'andre@contoso.com', 'andre', false, ['eu-contractors'])],
  },
  {
    name: 'nestedOnly via the shortest of several chains; a nested notProvisioned user carries via too',
    group: dbxGroup([]),
    dir: directory({ users: [{ id: '7', userName: 'andre@contoso.com' }] }),
    entra: [
      eUser('u2', 'andre@contoso.com', via(NESTED, INNER)),
      eUser('u2', 'andre@contoso.com', via(INNER)),
      eUser('u3', 'intern@contoso.com', via(NESTED, INNER)),
    ],
    expected: [
      f('notProvisioned', 'user', 'intern@contoso.com', 'intern', false, ['eu-contractors', 'eu-interns']),
      f('nestedOnly', 'user', 'andre@contoso.com', 'andre', false, ['eu-interns']),
    ],
  },
  {
    name: 'a nested member is covered when the Databricks group holds its outermost nested group (by name too)',
    group: dbxGroup([dGroup('3', 'EU-Contractors')]),
    dir: directory({ users: [{ id: '7', userName: 'andre@contoso.com' }] }),
    entra: [eGroup(NESTED.id, NESTED.displayName), eUser('u2', 'andre@contoso.com', via(NESTED, INNER))],
    expected: [],
  },
  {
    name: 'a member that is both direct and nested in Entra counts as direct',
    group: dbxGroup([]),
    dir: directory({ users: [{ id: '7', userName: 'andre@contoso.com' }] }),
    entra: [eUser('u2', 'andre@contoso.com', via(NESTED)), eUser('u2', 'andre@contoso.com')],
    expected: [f('missing', 'user', 'andre@contoso.com', 'andre', true)],
  },
  {
    name: 'extra: members only in Databricks, of every type',
    group: dbxGroup([dUser('1', 'bob@contoso.com', 'Bob'), dSp('2', APP_ETL, 'etl'), dGroup('3', 'old-team')]),
    entra: [],
    expected: [
      f('extra', 'servicePrincipal', APP_ETL, 'etl', false),
      f('extra', 'user', 'bob@contoso.com', 'Bob', false),
      f('extra', 'group', 'old-team', 'old-team', false),
    ],
  },
  {
    name: 'caseMismatch on a member that is present: it counts as present (no missing, no extra)',
    group: dbxGroup([dUser('1', 'jane@contoso.com')]),
    entra: [eUser('u1', 'JANE@contoso.com', { displayName: 'Jane' })],
    expected: [{ ...f('caseMismatch', 'user', 'jane@contoso.com', 'Jane', false), entraKey: 'JANE@contoso.com' }],
  },
  {
    name: 'renamed: linked by externalId, names differ',
    group: dbxGroup([], { displayName: 'data-eng-old' }),
    entra: [],
    expected: [f('renamed', 'group', 'data-eng-old', 'data-eng', false)],
  },
  {
    name: 'no renamed finding when the pair is not linked by externalId (an explicit mapping chose it)',
    group: dbxGroup([], { displayName: 'dbx-data', externalId: undefined }),
    entra: [],
    expected: [],
  },
  {
    name: 'groupMissing: the Entra group has no Databricks group',
    group: undefined,
    entra: [eUser('u1', 'jane@contoso.com')],
    expected: [f('groupMissing', 'group', 'data-eng', 'data-eng', false)],
  },
  {
    name: 'userKey mail: mail matches userName, the UPN is not looked at',
    group: dbxGroup([dUser('1', 'jane.doe@contoso.com')]),
    entra: [eUser('u1', 'jdoe@contoso.onmicrosoft.com', { mail: 'Jane.Doe@contoso.com', displayName: 'Jane' })],
    options: { userKey: 'mail' },
    expected: [
      { ...f('caseMismatch', 'user', 'jane.doe@contoso.com', 'Jane', false), entraKey: 'Jane.Doe@contoso.com' },
    ],
  },
  {
    name: 'userKey userPrincipalName: the same pair is missing + extra',
    group: dbxGroup([dUser('1', 'jane.doe@contoso.com', 'Jane')]),
    entra: [eUser('u1', 'jdoe@contoso.onmicrosoft.com', { mail: 'jane.doe@contoso.com', displayName: 'Jane' })],
    expected: [
      f('notProvisioned', 'user', 'jdoe@contoso.onmicrosoft.com', 'Jane', true),
      f('extra', 'user', 'jane.doe@contoso.com', 'Jane', false),
    ],
  },
  {
    name: 'transitive false: nested members are ignored, so a Databricks member Entra has only nested is extra',
    group: dbxGroup([dUser('1', 'andre@contoso.com', 'Andre')]),
    dir: directory({ users: [{ id: '8', userName: 'ines@contoso.com' }] }),
    entra: [eUser('u2', 'andre@contoso.com', via(NESTED)), eUser('u3', 'ines@contoso.com', via(NESTED))],
    options: { transitive: false },
    expected: [f('extra', 'user', 'andre@contoso.com', 'Andre', false)],
  },
  {
    name: 'transitive true (default): the same input has one nestedOnly and no extra',
    group: dbxGroup([dUser('1', 'andre@contoso.com', 'Andre')]),
    dir: directory({ users: [{ id: '8', userName: 'ines@contoso.com' }] }),
    entra: [eUser('u2', 'andre@contoso.com', via(NESTED)), eUser('u3', 'ines@contoso.com', via(NESTED))],
    expected: [f('nestedOnly', 'user', 'ines@contoso.com', 'ines', false, ['eu-contractors'])],
  },
];

describe('drift computeDrift: every finding kind', () => {
  for (const row of ROWS) {
    it(row.name, () => {
      const drift = computeDrift({
        databricksGroup: row.group,
        directory: row.dir ?? directory(),
        entraGroup: ENTRA_GROUP,
        entraMembers: row.entra,
        ...(row.options ? { options: row.options } : {}),
      });
      assert.deepEqual(drift.findings, row.expected);
    });
  }

  it('covers every kind in the table', () => {
    const kinds = new Set(ROWS.flatMap((r) => r.expected.map((x) => x.kind)));
    assert.deepEqual([...kinds].sort(), [
      'caseMismatch',
      'extra',
      'groupMissing',
      'missing',
      'nestedOnly',
      'notProvisioned',
      'renamed',
    ]);
  });

  it('records the Databricks ids the findings name, for the planner', () => {
    const drift = computeDrift({
      databricksGroup: dbxGroup([dUser('1', 'bob@contoso.com')]),
      directory: directory({ users: [{ id: '7', userName: 'jane@contoso.com' }] }),
      entraGroup: ENTRA_GROUP,
      entraMembers: [eUser('u1', 'jane@contoso.com'), eUser('u2', 'new@contoso.com')],
    });
    assert.deepEqual(drift.ids, { 'user:jane@contoso.com': '7', 'user:bob@contoso.com': '1' });
    assert.deepEqual(drift.databricksGroup, { id: '900', displayName: 'data-eng' });
  });

  it('lists members it cannot compare instead of guessing (no mail with userKey mail, SP without appId)', () => {
    const drift = computeDrift({
      databricksGroup: dbxGroup([]),
      directory: directory(),
      entraGroup: ENTRA_GROUP,
      entraMembers: [eUser('u1', 'jane@contoso.com', { displayName: 'Jane' }), { id: 's1', type: 'servicePrincipal' }],
      options: { userKey: 'mail' },
    });
    assert.deepEqual(drift.findings, []);
    assert.deepEqual(
      drift.notCompared.map((n) => [n.entraId, n.displayName]),
      [
        ['u1', 'Jane'],
        ['s1', 's1'],
      ],
    );
    assert.match(drift.notCompared[0]?.reason ?? '', /^has no mail/);
    assert.match(
      drift.notCompared[1]?.reason ?? '',
      /Application\.Read\.All/,
      'an SP with id only lacks the permission for its appId',
    );
    assert.equal(drift.complete, false);
  });

  it('is deterministic: shuffled input gives the same findings, ordered by kind then key', () => {
    const entra = [
      eUser('u3', 'zed@contoso.com'),
      eUser('u1', 'amy@contoso.com'),
      eUser('u2', 'Bea@contoso.com', via(NESTED)),
      eSp('s1', APP_NEW, 'sp'),
    ];
    const group = dbxGroup([dUser('9', 'yan@contoso.com'), dUser('8', 'abe@contoso.com')]);
    const dir = directory({ users: [{ id: '5', userName: 'bea@contoso.com' }] });
    const a = computeDrift({ databricksGroup: group, directory: dir, entraGroup: ENTRA_GROUP, entraMembers: entra });
    const b = computeDrift({
      databricksGroup: { ...group, members: [...group.members].reverse() },
      directory: dir,
      entraGroup: ENTRA_GROUP,
      entraMembers: [...entra].reverse(),
    });
    assert.deepEqual(a.findings, b.findings);
    assert.deepEqual(
      a.findings.map((x) => `${x.kind}:${x.key}`),
      [
        'notProvisioned:11111111-0000-0000-0000-000000000002',
        'notProvisioned:amy@contoso.com',
        'notProvisioned:zed@contoso.com',
        'nestedOnly:bea@contoso.com',
        'extra:abe@contoso.com',
        'extra:yan@contoso.com',
        'caseMismatch:bea@contoso.com',
      ],
    );
  });

  it('driftJson emits exactly the CLI contract fields; describeFindings counts per kind', () => {
    const drift = computeDrift({
      databricksGroup: dbxGroup([dUser('1', 'bob@contoso.com')]),
      directory: directory({ users: [{ id: '7', userName: 'andre@contoso.com' }] }),
      entraGroup: ENTRA_GROUP,
      entraMembers: [eUser('u2', 'andre@contoso.com', via(NESTED))],
    });
    assert.deepEqual(driftJson([drift]), {
      groups: [
        {
          databricksGroup: 'data-eng',
          entraGroup: 'data-eng',
          findings: [
            {
              kind: 'nestedOnly',
              principalType: 'user',
              key: 'andre@contoso.com',
              displayName: 'andre',
              via: ['eu-contractors'],
              connectorWillFix: false,
            },
            {
              kind: 'extra',
              principalType: 'user',
              key: 'bob@contoso.com',
              displayName: 'bob@contoso.com',
              connectorWillFix: false,
            },
          ],
          complete: true,
          notCompared: [],
        },
      ],
    });
    assert.equal(describeFindings(drift.findings), '1 nested in Entra only · 1 not in Entra');
  });
});
