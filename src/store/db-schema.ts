/** The default IndexedDB database name. Every database Hearth creates starts with `hearth`. */
export const HEARTH_DB_NAME = 'hearth';
/** The current schema version; bump it and append a migration to change the schema. */
export const HEARTH_DB_VERSION = 1;

/** A federated update waiting to be uploaded (written by src/federated); store `outbox`, keyPath `id`. */
export interface OutboxRecord { id: string; createdAt: number; modelVersion?: string; body: ArrayBuffer | Uint8Array | string; attempts?: number }
/** A cached model artifact (written by src/model); store `models`, keyPath `key`, e.g. `${modelId}@${version}/weights`. */
export interface ModelRecord { key: string; storedAt: number; etag?: string; sha256?: string; data: ArrayBuffer | Uint8Array | string | object }

/**
 * An open connection to the Hearth database. Stores: `events` (keyPath `id`; index `by_ts`), `outbox` (keyPath `id`; index `by_created`),
 * `models` (keyPath `key`) and `meta` (out-of-line string keys).
 */
export type HearthDbHandle = IDBDatabase;

/**
 * migrations[n] upgrades a database from version n to n + 1. Never edit a shipped entry. (Entry 0
 * lost two indexes nothing read, by item and by type, before the first release: they cost every
 * write an index update; databases made by earlier builds keep them, unused and harmless.)
 */
export const MIGRATIONS: ReadonlyArray<(db: IDBDatabase, tx: IDBTransaction) => void> = [
  (db) => {
    db.createObjectStore('events', { keyPath: 'id' }).createIndex('by_ts', 'ts');
    db.createObjectStore('outbox', { keyPath: 'id' }).createIndex('by_created', 'createdAt');
    db.createObjectStore('models', { keyPath: 'key' });
    db.createObjectStore('meta');
  },
];
