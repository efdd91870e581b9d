import { v7 as uuidv7 } from 'uuid';
import type { Id } from '../model/types';

/** UUIDv7: unique across devices without coordination, and time-ordered so new rows index well. */
export function newId(): Id {
  return uuidv7();
}
