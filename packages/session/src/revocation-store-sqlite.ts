import type { DatabaseSync, StatementSync } from "node:sqlite";
import type { RevocationStore } from "./revocation-store.ts";
import { openSqliteFile } from "./sqlite-file.ts";

interface SqliteOptions {
  file: string;
  namespace: string;
  retentionSeconds: number;
}

/**
 * The embedded default: Node 22's built-in SQLite in one file, so revocations survive restarts and
 * every process of the app on this machine sees them. The rollback journal (not WAL) keeps reads
 * from touching any file, which `next dev` would otherwise take as a change to recompile.
 */
export class SqliteRevocationStore implements RevocationStore {
  readonly kind = "sqlite";
  readonly file: string;
  readonly #options: SqliteOptions;
  #db: Promise<DatabaseSync> | undefined;
  // Prepared once per connection: every session read on a revoking app runs the lookup.
  #lookup: StatementSync | undefined;

  constructor(options: SqliteOptions) {
    this.#options = options;
    this.file = options.file;
  }

  // Opened on first use: importing the app (e.g. during `next build`) touches no file.
  #open(): Promise<DatabaseSync> {
    this.#db ??= openSqliteFile(
      this.file,
      `CREATE TABLE IF NOT EXISTS revocations (
        namespace TEXT NOT NULL,
        subject TEXT NOT NULL,
        revoked_at INTEGER NOT NULL,
        PRIMARY KEY (namespace, subject)
      ) WITHOUT ROWID;`,
    );
    return this.#db;
  }

  async revoke(subject: string, at = Date.now()): Promise<void> {
    const db = await this.#open();
    const { namespace, retentionSeconds } = this.#options;
    // Never move a revocation back in time, whatever order the events arrive in.
    db.prepare(
      `INSERT INTO revocations (namespace, subject, revoked_at) VALUES (?, ?, ?)
       ON CONFLICT (namespace, subject) DO UPDATE SET revoked_at = max(revoked_at, excluded.revoked_at)`,
    ).run(namespace, subject, at);
    db.prepare("DELETE FROM revocations WHERE revoked_at < ?").run(
      Date.now() - retentionSeconds * 1000,
    );
  }

  async revokedAt(subject: string): Promise<number | null> {
    const db = await this.#open();
    this.#lookup ??= db.prepare(
      "SELECT revoked_at FROM revocations WHERE namespace = ? AND subject = ?",
    );
    const row = this.#lookup.get(this.#options.namespace, subject) as
      | { revoked_at: number }
      | undefined;
    return row ? Number(row.revoked_at) : null;
  }

  async close(): Promise<void> {
    const db = this.#db;
    this.#db = undefined;
    this.#lookup = undefined;
    if (db) (await db).close();
  }
}
