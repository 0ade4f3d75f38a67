import type { DatabaseSync } from "node:sqlite";
import { type ConsumedTokenStore, tokenDigest } from "./consumed-token-store.ts";
import { openSqliteFile } from "./sqlite-file.ts";

interface SqliteOptions {
  file: string;
  namespace: string;
}

/** The embedded default: one row per consumed token, `INSERT OR IGNORE` makes consume atomic. */
export class SqliteConsumedTokenStore implements ConsumedTokenStore {
  readonly kind = "sqlite";
  readonly file: string;
  readonly #namespace: string;
  #db: Promise<DatabaseSync> | undefined;

  constructor(options: SqliteOptions) {
    this.file = options.file;
    this.#namespace = options.namespace;
  }

  // Opened on first use: importing the app (e.g. during `next build`) touches no file.
  #open(): Promise<DatabaseSync> {
    this.#db ??= openSqliteFile(
      this.file,
      `CREATE TABLE IF NOT EXISTS consumed_tokens (
        namespace TEXT NOT NULL,
        digest TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        PRIMARY KEY (namespace, digest)
      ) WITHOUT ROWID;`,
    );
    return this.#db;
  }

  async consume(token: string, ttlSeconds: number): Promise<boolean> {
    const db = await this.#open();
    const now = Date.now();
    // Expired rows go first so a token's row never outlives the request it guarded.
    db.prepare("DELETE FROM consumed_tokens WHERE expires_at <= ?").run(now);
    const result = db
      .prepare(
        "INSERT OR IGNORE INTO consumed_tokens (namespace, digest, expires_at) VALUES (?, ?, ?)",
      )
      .run(this.#namespace, tokenDigest(token), now + ttlSeconds * 1000);
    return Number(result.changes) === 1;
  }

  async close(): Promise<void> {
    const db = this.#db;
    this.#db = undefined;
    if (db) (await db).close();
  }
}
