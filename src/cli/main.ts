// dbx-scim entry point (filled in by the CLI work).
process.stdout.write('dbx-scim: not implemented yet\n');
