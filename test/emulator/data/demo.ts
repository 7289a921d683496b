// "Contoso": the small, believable organisation behind the `demo` data set. It is plain data so a
// reader can see at a glance who is where, and so the Microsoft Graph emulator can build the Entra
// side of the same org from it (every principal carries its Entra object id; `provisionedByEntra`
// marks what the Entra provisioning connector created, whose Databricks externalId is that id).
//
// Shape of the org:
//   data-platform ⊃ data-eng ⊃ ml-engineers         (three levels of nesting)
//   data-platform ⊃ analysts ⊃ finance-analysts     (three levels of nesting)
//   bi-developers, platform-ops, security-reviewers, contractors (flat)
//   all-employees — an account group (identity federation): visible, not writable at workspace level
//   admins, users — the workspace system groups
// Two users are deactivated (quinn.murphy, ivan.horvat); six were created by hand in Databricks
// and carry no externalId.

export const DEMO_DOMAIN = 'contoso.com';

export interface DemoUser {
  readonly givenName: string;
  readonly familyName: string;
  readonly userName: string;
  readonly entraObjectId: string;
  /** Created by the Entra connector: Databricks externalId = entraObjectId. */
  readonly provisionedByEntra?: boolean;
  readonly active?: boolean;
  readonly entitlements?: readonly string[];
}

export interface DemoServicePrincipal {
  readonly displayName: string;
  /** Entra application (client) id = Databricks applicationId. */
  readonly applicationId: string;
  readonly entraObjectId: string;
  readonly entitlements?: readonly string[];
}

export interface DemoGroup {
  readonly displayName: string;
  readonly entraObjectId?: string;
  /** Created by the Entra connector: Databricks externalId = entraObjectId. */
  readonly provisionedByEntra?: boolean;
  readonly accountGroup?: boolean;
  readonly entitlements?: readonly string[];
  /** Every user of the org (the `users` system group). */
  readonly allUsers?: boolean;
  /** User local parts (before "@contoso.com"), nested group names, service principal display names. */
  readonly members: {
    readonly users?: readonly string[];
    readonly groups?: readonly string[];
    readonly servicePrincipals?: readonly string[];
  };
}

/** The workspace admin who owns the emulator's admin token (also the only user of `empty`). */
export const DEMO_ADMIN: DemoUser = {
  givenName: 'Contoso',
  familyName: 'Admin',
  userName: 'admin@contoso.com',
  entraObjectId: '4bf90bf3-783a-5f26-8f88-801398479f37',
};

export const DEMO_USERS: readonly DemoUser[] = [
  {
    givenName: 'Aisha',
    familyName: 'Khan',
    userName: 'aisha.khan@contoso.com',
    entraObjectId: '8d8c4253-1780-51c3-851d-c3409c6c42f4',
    provisionedByEntra: true,
    entitlements: ['allow-cluster-create', 'allow-instance-pool-create'],
  },
  {
    givenName: 'Ben',
    familyName: 'Carter',
    userName: 'ben.carter@contoso.com',
    entraObjectId: 'e646686e-58e8-5aa6-b1d0-1711cac188de',
    provisionedByEntra: true,
  },
  {
    givenName: 'Chloe',
    familyName: 'Dubois',
    userName: 'chloe.dubois@contoso.com',
    entraObjectId: '994e8176-00c0-512e-87af-91b2eb1fc0dd',
  },
  {
    givenName: 'Daniel',
    familyName: 'Okafor',
    userName: 'daniel.okafor@contoso.com',
    entraObjectId: 'de485b50-b8fa-565a-a336-2d3ce9fc99e0',
    provisionedByEntra: true,
    entitlements: ['allow-cluster-create'],
  },
  {
    givenName: 'Elena',
    familyName: 'Petrova',
    userName: 'elena.petrova@contoso.com',
    entraObjectId: '8d51bab5-3591-5112-8dcc-7f76f5eb4d16',
    provisionedByEntra: true,
  },
  {
    givenName: 'Farid',
    familyName: 'Haddad',
    userName: 'farid.haddad@contoso.com',
    entraObjectId: '604de41f-19b8-50f7-afd2-b7c00e279adc',
    provisionedByEntra: true,
  },
  {
    givenName: 'Grace',
    familyName: 'Liu',
    userName: 'grace.liu@contoso.com',
    entraObjectId: '592cd775-cb1c-5236-9a32-5820d307595b',
    provisionedByEntra: true,
  },
  {
    givenName: 'Hiro',
    familyName: 'Tanaka',
    userName: 'hiro.tanaka@contoso.com',
    entraObjectId: '1d3c60cd-20f1-5c34-893f-3a977c031ca9',
    provisionedByEntra: true,
    entitlements: ['allow-cluster-create'],
  },
  {
    givenName: 'Isabel',
    familyName: 'Moreno',
    userName: 'isabel.moreno@contoso.com',
    entraObjectId: '8747578b-9976-5dfb-a200-5b444488f35d',
    provisionedByEntra: true,
  },
  {
    givenName: 'Jonas',
    familyName: 'Becker',
    userName: 'jonas.becker@contoso.com',
    entraObjectId: '03908903-d42b-5052-a675-ed4a4b2c5d19',
    provisionedByEntra: true,
  },
  {
    givenName: 'Kavya',
    familyName: 'Reddy',
    userName: 'kavya.reddy@contoso.com',
    entraObjectId: '55ed570d-9777-5844-b679-4093e21a2b23',
    provisionedByEntra: true,
  },
  {
    givenName: 'Liam',
    familyName: "O'Connor",
    userName: 'liam.oconnor@contoso.com',
    entraObjectId: '4170ebb0-6eb2-53a7-a77a-3203988bb0d1',
    provisionedByEntra: true,
  },
  {
    givenName: 'Maria',
    familyName: 'Rossi',
    userName: 'maria.rossi@contoso.com',
    entraObjectId: '8481b03d-4214-510a-9793-aa7d38a63549',
    provisionedByEntra: true,
  },
  {
    givenName: 'Nikhil',
    familyName: 'Sharma',
    userName: 'nikhil.sharma@contoso.com',
    entraObjectId: '42775894-8bc5-57ac-ab84-77a7f99fdffd',
    provisionedByEntra: true,
  },
  {
    givenName: 'Olivia',
    familyName: 'Brown',
    userName: 'olivia.brown@contoso.com',
    entraObjectId: '0317b093-6d4c-580a-92fc-830f497e1d9e',
    provisionedByEntra: true,
  },
  {
    givenName: 'Pedro',
    familyName: 'Alves',
    userName: 'pedro.alves@contoso.com',
    entraObjectId: '0f0675c1-5896-514e-a6c2-aac18a614441',
    provisionedByEntra: true,
  },
  {
    givenName: 'Quinn',
    familyName: 'Murphy',
    userName: 'quinn.murphy@contoso.com',
    entraObjectId: 'e1b228ce-01e0-575d-ad96-7a3974a953f0',
    active: false,
  },
  {
    givenName: 'Rania',
    familyName: 'Aziz',
    userName: 'rania.aziz@contoso.com',
    entraObjectId: '5aa3682a-f351-5d45-9956-cbb1b1cfb9dc',
    provisionedByEntra: true,
  },
  {
    givenName: 'Sven',
    familyName: 'Lindqvist',
    userName: 'sven.lindqvist@contoso.com',
    entraObjectId: 'c5413182-1cd7-51c0-9016-b766dc801763',
    provisionedByEntra: true,
    entitlements: ['allow-instance-pool-create'],
  },
  {
    givenName: 'Tariq',
    familyName: 'Mahmood',
    userName: 'tariq.mahmood@contoso.com',
    entraObjectId: '53f746d0-6425-5048-88cc-79d3f1d7774f',
    provisionedByEntra: true,
  },
  {
    givenName: 'Uma',
    familyName: 'Patel',
    userName: 'uma.patel@contoso.com',
    entraObjectId: '45f5260b-fed6-5996-ac76-bc960f9ddf8e',
    provisionedByEntra: true,
  },
  {
    givenName: 'Victor',
    familyName: 'Nguyen',
    userName: 'victor.nguyen@contoso.com',
    entraObjectId: 'dc2e0fb9-d090-5473-92b4-5d1ecc0d564a',
    provisionedByEntra: true,
  },
  {
    givenName: 'Wen',
    familyName: 'Zhang',
    userName: 'wen.zhang@contoso.com',
    entraObjectId: '1fe867dd-b657-5793-aee9-2b33c94c80a2',
    provisionedByEntra: true,
  },
  {
    givenName: 'Ximena',
    familyName: 'Torres',
    userName: 'ximena.torres@contoso.com',
    entraObjectId: '176e9560-58c9-544f-86fd-ab378bdb27cc',
    provisionedByEntra: true,
  },
  {
    givenName: 'Yusuf',
    familyName: 'Demir',
    userName: 'yusuf.demir@contoso.com',
    entraObjectId: '1f9c63e8-c07a-563b-942b-b46def7c35ab',
    provisionedByEntra: true,
  },
  {
    givenName: 'Zoe',
    familyName: 'Williams',
    userName: 'zoe.williams@contoso.com',
    entraObjectId: 'c612cc49-5f7a-5475-8a57-9344df460845',
    provisionedByEntra: true,
  },
  {
    givenName: 'Andre',
    familyName: 'Silva',
    userName: 'andre.silva@contoso.com',
    entraObjectId: '2ed7bb0b-be2a-50b1-896e-07e1ca7926f2',
  },
  {
    givenName: 'Bianca',
    familyName: 'Costa',
    userName: 'bianca.costa@contoso.com',
    entraObjectId: '9c72cd00-67ad-5637-8e83-c0dea87743c6',
    provisionedByEntra: true,
  },
  {
    givenName: 'Carlos',
    familyName: 'Mendez',
    userName: 'carlos.mendez@contoso.com',
    entraObjectId: '48a76865-6871-535a-ac85-7826f5431ecd',
    provisionedByEntra: true,
  },
  {
    givenName: 'Dana',
    familyName: 'Kim',
    userName: 'dana.kim@contoso.com',
    entraObjectId: '345c4d0a-e763-5abb-ade3-955c459ac545',
    provisionedByEntra: true,
  },
  {
    givenName: 'Emeka',
    familyName: 'Obi',
    userName: 'emeka.obi@contoso.com',
    entraObjectId: 'a1eabd78-e1bf-5a1f-9922-9d1fe1d76d31',
    provisionedByEntra: true,
  },
  {
    givenName: 'Fatima',
    familyName: 'Zahra',
    userName: 'fatima.zahra@contoso.com',
    entraObjectId: '6010a346-8f9b-5eb5-a590-c9eace136d4b',
    provisionedByEntra: true,
  },
  {
    givenName: 'George',
    familyName: 'Evans',
    userName: 'george.evans@contoso.com',
    entraObjectId: 'f90db04a-5bc4-5122-ba61-37436f00cdfb',
    provisionedByEntra: true,
  },
  {
    givenName: 'Hannah',
    familyName: 'Schmidt',
    userName: 'hannah.schmidt@contoso.com',
    entraObjectId: '8ba7c011-8312-5aba-b146-5d98662e9898',
    provisionedByEntra: true,
  },
  {
    givenName: 'Ivan',
    familyName: 'Horvat',
    userName: 'ivan.horvat@contoso.com',
    entraObjectId: 'd9e7dcb2-dd25-5063-9807-e19a4dab739c',
    active: false,
  },
  {
    givenName: 'Julia',
    familyName: 'Novak',
    userName: 'julia.novak@contoso.com',
    entraObjectId: 'e6dce20c-8f10-591a-a87c-5351c5e6103e',
    provisionedByEntra: true,
  },
  {
    givenName: 'Kenji',
    familyName: 'Sato',
    userName: 'kenji.sato@contoso.com',
    entraObjectId: '5d5fca76-378f-542e-8602-756515c56549',
    provisionedByEntra: true,
  },
  {
    givenName: 'Lena',
    familyName: 'Fischer',
    userName: 'lena.fischer@contoso.com',
    entraObjectId: '7fc0dbb5-0d95-5c94-bcd6-b051a761e2ec',
    provisionedByEntra: true,
  },
  {
    givenName: 'Mateo',
    familyName: 'Garcia',
    userName: 'mateo.garcia@contoso.com',
    entraObjectId: '9e5156e6-952b-51a0-902b-4af0f5bf2f8f',
  },
  {
    givenName: 'Nora',
    familyName: 'Jensen',
    userName: 'nora.jensen@contoso.com',
    entraObjectId: '0fb58d4a-c2a9-531d-ab12-fbe557291213',
  },
];

export const DEMO_SERVICE_PRINCIPALS: readonly DemoServicePrincipal[] = [
  {
    displayName: 'etl-pipeline',
    applicationId: '61c54a14-24e4-50b3-bf06-b0f46d43c6e4',
    entraObjectId: 'ae0410bf-944f-571b-b8cd-ad1149e06702',
    entitlements: ['workspace-access', 'allow-cluster-create'],
  },
  {
    displayName: 'powerbi-refresh',
    applicationId: '46b98112-6034-5ab1-b872-e47bb91a058e',
    entraObjectId: '01559355-917c-5a3f-bfc4-47656a579315',
    entitlements: ['databricks-sql-access'],
  },
  {
    displayName: 'ci-deployer',
    applicationId: 'ebe00f52-8029-567f-89ee-c05d1c877538',
    entraObjectId: 'ed1d7950-8713-5181-bfa5-78b8a9ad0bca',
    entitlements: ['workspace-access'],
  },
  {
    displayName: 'airflow-scheduler',
    applicationId: 'e1dcf94a-3343-5010-a64a-a5d9e0fcc312',
    entraObjectId: '645695b0-92fa-5e7f-9730-c270c71f8d40',
    entitlements: ['workspace-access'],
  },
];

/** Listed in creation order; a group's nested groups come before it. */
export const DEMO_GROUPS: readonly DemoGroup[] = [
  { displayName: 'admins', members: { users: ['admin', 'aisha.khan'], servicePrincipals: ['ci-deployer'] } },
  { displayName: 'users', allUsers: true, entitlements: ['workspace-access', 'databricks-sql-access'], members: {} },
  {
    displayName: 'ml-engineers',
    entraObjectId: '32794039-6288-5338-a013-c9ea63fdb55d',
    provisionedByEntra: true,
    entitlements: ['allow-cluster-create', 'allow-instance-pool-create'],
    members: { users: ['kavya.reddy', 'nikhil.sharma', 'wen.zhang', 'kenji.sato'] },
  },
  {
    displayName: 'data-eng',
    entraObjectId: '57555403-e4e7-5f87-aa2f-58f42a4e0e52',
    provisionedByEntra: true,
    entitlements: ['allow-cluster-create'],
    members: {
      users: ['daniel.okafor', 'elena.petrova', 'farid.haddad', 'grace.liu', 'hiro.tanaka', 'jonas.becker'],
      groups: ['ml-engineers'],
      servicePrincipals: ['etl-pipeline', 'airflow-scheduler'],
    },
  },
  {
    displayName: 'finance-analysts',
    entraObjectId: 'ac0d0e28-dc96-5390-92cc-620214ef3544',
    provisionedByEntra: true,
    members: {
      users: ['rania.aziz', 'tariq.mahmood', 'ximena.torres', 'hannah.schmidt'],
      servicePrincipals: ['powerbi-refresh'],
    },
  },
  {
    displayName: 'analysts',
    entraObjectId: 'd8e2ae38-5658-5bda-89c8-f6fbc3e90c8e',
    provisionedByEntra: true,
    entitlements: ['databricks-sql-access'],
    members: {
      users: [
        'isabel.moreno',
        'maria.rossi',
        'olivia.brown',
        'pedro.alves',
        'uma.patel',
        'victor.nguyen',
        'zoe.williams',
      ],
      groups: ['finance-analysts'],
    },
  },
  {
    displayName: 'data-platform',
    entraObjectId: '144bbd63-adf5-58e8-816d-f637cf448b9e',
    provisionedByEntra: true,
    members: { users: ['aisha.khan', 'ben.carter'], groups: ['data-eng', 'analysts'] },
  },
  {
    displayName: 'bi-developers',
    entraObjectId: 'b2e9a1b7-6190-57de-8eab-b2421049b499',
    members: {
      users: ['bianca.costa', 'carlos.mendez', 'dana.kim', 'olivia.brown'],
      servicePrincipals: ['powerbi-refresh'],
    },
  },
  {
    displayName: 'platform-ops',
    entraObjectId: '86422e71-9c8b-5281-8b39-e729fb4f2b45',
    entitlements: ['allow-cluster-create'],
    members: { users: ['sven.lindqvist', 'yusuf.demir', 'george.evans'], servicePrincipals: ['ci-deployer'] },
  },
  {
    displayName: 'security-reviewers',
    entraObjectId: '9dd03d3a-37eb-5d0d-85e1-f93dd8621493',
    provisionedByEntra: true,
    members: { users: ['lena.fischer', 'emeka.obi', 'julia.novak', 'fatima.zahra'] },
  },
  { displayName: 'contractors', members: { users: ['ivan.horvat', 'quinn.murphy', 'andre.silva', 'mateo.garcia'] } },
  {
    displayName: 'all-employees',
    entraObjectId: 'a87538d0-ffd3-5f0e-9fea-cd893a645494',
    provisionedByEntra: true,
    accountGroup: true,
    members: {
      users: [
        'aisha.khan',
        'ben.carter',
        'chloe.dubois',
        'daniel.okafor',
        'elena.petrova',
        'farid.haddad',
        'grace.liu',
        'hiro.tanaka',
        'isabel.moreno',
        'jonas.becker',
        'kavya.reddy',
        'liam.oconnor',
        'maria.rossi',
        'nikhil.sharma',
        'olivia.brown',
        'pedro.alves',
        'rania.aziz',
        'sven.lindqvist',
        'tariq.mahmood',
        'uma.patel',
        'victor.nguyen',
        'wen.zhang',
        'ximena.torres',
        'yusuf.demir',
        'zoe.williams',
        'bianca.costa',
        'carlos.mendez',
        'dana.kim',
        'emeka.obi',
        'fatima.zahra',
        'george.evans',
        'hannah.schmidt',
        'julia.novak',
        'kenji.sato',
        'lena.fischer',
        'nora.jensen',
      ],
    },
  },
];

export const DEMO_ORG = {
  domain: DEMO_DOMAIN,
  admin: DEMO_ADMIN,
  users: DEMO_USERS,
  servicePrincipals: DEMO_SERVICE_PRINCIPALS,
  groups: DEMO_GROUPS,
} as const;

/** "aisha.khan" → "aisha.khan@contoso.com"; full addresses pass through. */
export function demoUserName(localPartOrUserName: string): string {
  return localPartOrUserName.includes('@') ? localPartOrUserName : `${localPartOrUserName}@${DEMO_DOMAIN}`;
}
