/** The app's one sync loop and actions, over the app's database. */
import { db } from '../db/db';
import { SyncLoop } from './loop';
import { SyncActions } from './pairing';

export const syncLoop = new SyncLoop(db);
export const syncActions = new SyncActions(db, syncLoop);
