import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/platform/db/database';
import { migrate } from '../../src/platform/db/migrate';

const migrationsDir = path.resolve(import.meta.dirname, '../../src/platform/db/migrations');

/** What the snapshot depends on: the migrations' text and PGlite's version. */
function fingerprint(): string {
  const hash = createHash('sha256');
  for (const file of fs.readdirSync(migrationsDir).sort()) {
    hash.update(file).update(fs.readFileSync(path.join(migrationsDir, file)));
  }
  const pglite = path.resolve(
    import.meta.dirname,
    '../../../../node_modules/@electric-sql/pglite/package.json',
  );
  hash.update(fs.existsSync(pglite) ? fs.readFileSync(pglite) : 'pglite');
  return hash.digest('hex').slice(0, 16);
}

let pending: Promise<string> | undefined;

/**
 * A dump of an in-memory PGlite with every migration applied, made once per set of migrations and
 * shared by the test files (initdb and the migrations cost most of a PGlite start). Written under a
 * temporary name then renamed, so concurrent workers never read half a file.
 */
export function migratedPgliteSnapshot(): Promise<string> {
  pending ??= (async () => {
    const file = path.join(os.tmpdir(), `parcours-pglite-${fingerprint()}.tar.gz`);
    if (fs.existsSync(file)) return file;
    const handle = await openDatabase({ dataDir: 'memory://' });
    try {
      await migrate(handle.db);
      if (!handle.dump) throw new Error('not a PGlite database');
      const dump = Buffer.from(await (await handle.dump()).arrayBuffer());
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, dump);
      fs.renameSync(tmp, file);
    } finally {
      await handle.close();
    }
    return file;
  })();
  return pending;
}
