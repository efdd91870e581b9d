/**
 * The app's one sync loop and actions, over the app's database. Loaded after start-up (main.tsx)
 * and by Settings, never by the first screen.
 */
import { db } from '../db/db';
import { SyncLoop } from './loop';
import { SyncActions } from './pairing';
import { syncStatus } from './status-store';

export const syncLoop = new SyncLoop(db, { status: syncStatus });
export const syncActions = new SyncActions(db, syncLoop);
