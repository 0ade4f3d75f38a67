import type { DatabaseSync, StatementSync } from "node:sqlite";
import type { SessionStore } from "./session-store.ts";
import { openSqliteFile } from "./sqlite-file.ts";

interface SqliteOptions {
  file: string;
  namespace: string;
}

/**
 * The embedded default: Node 22's built-in SQLite in one file, so sessions survive restarts and every
 * process of the app on this machine shares them. Reads touch no file (rollback journal, not WAL),
 * which `next dev` would otherwise take as a change to recompile.
 */
export class SqliteSessionStore implements SessionStore {
  readonly kind = "sqlite";
  readonly file: string;
  readonly #namespace: string;
  #db: Promise<DatabaseSync> | undefined;
  // Prepared once per connection: every session read runs the lookup.
  #lookup: StatementSync | undefined;

  constructor(options: SqliteOptions) {
    this.file = options.file;
    this.#namespace = options.namespace;
  }

  // Opened on first use: importing the app (e.g. during `next build`) touches no file.
  #open(): Promise<DatabaseSync> {
    this.#db ??= openSqliteFile(
      this.file,
      `CREATE TABLE IF NOT EXISTS sessions (
        namespace TEXT NOT NULL,
        id TEXT NOT NULL,
        value TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        PRIMARY KEY (namespace, id)
      ) WITHOUT ROWID;`,
    );
    return this.#db;
  }

  async get(id: string): Promise<string | null> {
    const db = await this.#open();
    this.#lookup ??= db.prepare(
      "SELECT value FROM sessions WHERE namespace = ? AND id = ? AND expires_at > ?",
    );
    const row = this.#lookup.get(this.#namespace, id, Date.now()) as { value: string } | undefined;
    return row ? row.value : null;
  }

  async set(id: string, value: string, ttlSeconds: number): Promise<void> {
    const db = await this.#open();
    const now = Date.now();
    db.prepare(
      `INSERT INTO sessions (namespace, id, value, expires_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (namespace, id) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
    ).run(this.#namespace, id, value, now + ttlSeconds * 1000);
    // Writes are rare (sign-in, refresh), so they sweep what has expired.
    db.prepare("DELETE FROM sessions WHERE expires_at <= ?").run(now);
  }

  async replace(id: string, value: string, ttlSeconds: number): Promise<boolean> {
    const db = await this.#open();
    const now = Date.now();
    const { changes } = db
      .prepare(
        "UPDATE sessions SET value = ?, expires_at = ? WHERE namespace = ? AND id = ? AND expires_at > ?",
      )
      .run(value, now + ttlSeconds * 1000, this.#namespace, id, now);
    return Number(changes) > 0;
  }

  async delete(id: string): Promise<void> {
    const db = await this.#open();
    db.prepare("DELETE FROM sessions WHERE namespace = ? AND id = ?").run(this.#namespace, id);
  }

  async close(): Promise<void> {
    const db = this.#db;
    this.#db = undefined;
    this.#lookup = undefined;
    if (db) (await db).close();
  }
}
