import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { StoredEvent } from '../events/schema';

/** The default IndexedDB database name. Every database Hearth creates starts with `hearth`. */
export const HEARTH_DB_NAME = 'hearth';
/** The current schema version; bump it and append a migration to change the schema. */
export const HEARTH_DB_VERSION = 1;

/** A federated update waiting to be uploaded (written by src/federated). */
export interface OutboxRecord { id: string; createdAt: number; modelVersion?: string; body: ArrayBuffer | Uint8Array | string; attempts?: number }
/** A cached model artifact (written by src/model), keyed e.g. `${modelId}@${version}/weights`. */
export interface ModelRecord { key: string; storedAt: number; etag?: string; sha256?: string; data: ArrayBuffer | Uint8Array | string | object }

/** The typed shape of the Hearth database (idb DBSchema). */
export interface HearthDb extends DBSchema {
  events: { key: string; value: StoredEvent; indexes: { by_ts: number; by_item: string; by_type: string } };
  outbox: { key: string; value: OutboxRecord; indexes: { by_created: number } };
  models: { key: string; value: ModelRecord };
  /** Small key/value settings (consent, last visit, …); out-of-line keys. */
  meta: { key: string; value: unknown };
}

export type HearthDbHandle = IDBPDatabase<HearthDb>;
type UpgradeTx = IDBPTransaction<HearthDb, StoreNames<HearthDb>[], 'versionchange'>;

/** migrations[n] upgrades a database from version n to n + 1. Never edit a shipped entry. */
export const MIGRATIONS: ReadonlyArray<(db: HearthDbHandle, tx: UpgradeTx) => void> = [
  (db) => {
    const events = db.createObjectStore('events', { keyPath: 'id' });
    events.createIndex('by_ts', 'ts');
    events.createIndex('by_item', 'itemIds', { multiEntry: true });
    events.createIndex('by_type', 'type');
    db.createObjectStore('outbox', { keyPath: 'id' }).createIndex('by_created', 'createdAt');
    db.createObjectStore('models', { keyPath: 'key' });
    db.createObjectStore('meta');
  },
];
