import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { DatabaseSync } from "node:sqlite";

/**
 * Opens (creating its folder, mode 0700) one of the stores' SQLite files with `schema` applied.
 * The rollback journal (not WAL) keeps reads from touching any file, which `next dev` would
 * otherwise take as a change to recompile; a busy file is waited for, not failed on.
 */
export async function openSqliteFile(file: string, schema: string): Promise<DatabaseSync> {
  const { DatabaseSync } = await import("node:sqlite");
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const db = new DatabaseSync(file);
  db.exec(`PRAGMA journal_mode = DELETE;
    PRAGMA busy_timeout = 2000;
    ${schema}`);
  return db;
}
