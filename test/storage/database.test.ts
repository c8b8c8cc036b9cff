import { sql } from 'drizzle-orm';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { openDatabase, queryRows } from '../../storage/database.ts';
import { demandes } from '../../storage/schema/index.ts';
import { backendNames, tempDir, testDatabase } from '../support/backends.ts';

const migrations = suite(`migrations (${backendNames.database})`);

migrations('apply on a fresh database and create every table', async () => {
  const handle = await testDatabase();
  try {
    const rows = await queryRows<{ table_name: string }>(
      handle.db,
      sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
    );
    const tables = rows.map((row) => row.table_name);
    for (const table of ['acteurs', 'demandes', 'jetons', 'journal', 'lots', 'pages', 'pieces', 'taches_revue']) {
      assert.ok(tables.includes(table), `table ${table} missing from ${tables.join(', ')}`);
    }
  } finally {
    await handle.close();
  }
});

migrations('PGlite in a data directory keeps its rows across a reopen, and migrating again is a no-op', async () => {
  const dir = await tempDir();
  const first = await openDatabase({ dataDir: dir });
  await first.db.insert(demandes).values({
    numeroUnique: '057 1215 073903 10691',
    etat: 'active',
    nom: 'Lefèvre',
    prenom: 'Élodie',
    dateNaissance: '1988-03-14',
    guichet: '10691',
  });
  await first.close();
  const second = await openDatabase({ dataDir: dir });
  const rows = await second.db.select().from(demandes);
  assert.is(rows.length, 1);
  assert.is(rows[0]?.prenom, 'Élodie');
  await second.close();
});

migrations.run();
