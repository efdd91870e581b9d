// Picks the sync storage from the environment: PostgreSQL when DATABASE_URL is set, otherwise the
// SQLite file in DATA_DIR (default ./data, created on first start).
import path from 'node:path';
import { PostgresStorage } from './postgres-storage.js';
import { SqliteStorage } from './sqlite-storage.js';
import type { SyncStorage } from './storage.js';

export interface StorageChoice {
  storage: SyncStorage;
  description: string;
}

export async function openStorage(env: NodeJS.ProcessEnv = process.env): Promise<StorageChoice> {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    const storage = await PostgresStorage.connect(url);
    return { storage, description: `PostgreSQL (${new URL(url).host || 'local socket'})` };
  }
  const dataDir = path.resolve(env.DATA_DIR?.trim() || 'data');
  return { storage: new SqliteStorage(dataDir), description: `SQLite in ${dataDir}` };
}
