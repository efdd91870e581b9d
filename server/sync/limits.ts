// What one shop, one device or one address may ask of the sync server, so that a single misbehaving
// tablet (or anyone else on the shop's network) cannot fill the disk, guess pairing codes or spread
// a wrong clock to every device. Each limit has an environment variable; the defaults suit one
// shop with a handful of devices and leave a legitimate device far below every limit.

export interface SyncLimits {
  /** New shops per client address per hour (POST /shops). */
  shopsPerHour: number;
  /** Pairing attempts per client address per hour, right or wrong (POST /pair). */
  pairAttemptsPerHour: number;
  /** Pushes per device per minute. */
  pushesPerMinute: number;
  /** What one shop's changes may take on the server, in bytes. */
  shopQuotaBytes: number;
  /** How far a change's timestamp may run ahead of the server's clock, in ms. */
  maxClockAheadMs: number;
  /** A pull page stops once it holds this many bytes of changes (it always holds at least one). */
  pullPageBytes: number;
}

const MB = 1024 * 1024;

export const DEFAULT_LIMITS: Readonly<SyncLimits> = {
  shopsPerHour: 10,
  pairAttemptsPerHour: 30,
  pushesPerMinute: 600,
  shopQuotaBytes: 1024 * MB,
  maxClockAheadMs: 5 * 60_000,
  pullPageBytes: 4 * MB,
};

/** The environment variable for each limit, its unit, and how it becomes the limit's value. */
const VARIABLES: ReadonlyArray<{
  name: string;
  key: keyof SyncLimits;
  toValue: (n: number) => number;
  min: number;
}> = [
  { name: 'SYNC_SHOPS_PER_HOUR', key: 'shopsPerHour', toValue: (n) => n, min: 1 },
  { name: 'SYNC_PAIR_ATTEMPTS_PER_HOUR', key: 'pairAttemptsPerHour', toValue: (n) => n, min: 1 },
  { name: 'SYNC_PUSHES_PER_MINUTE', key: 'pushesPerMinute', toValue: (n) => n, min: 1 },
  { name: 'SYNC_SHOP_QUOTA_MB', key: 'shopQuotaBytes', toValue: (n) => Math.round(n * MB), min: 1 },
  {
    name: 'SYNC_MAX_CLOCK_AHEAD_MINUTES',
    key: 'maxClockAheadMs',
    toValue: (n) => Math.round(n * 60_000),
    min: 1,
  },
  {
    name: 'SYNC_PULL_PAGE_MB',
    key: 'pullPageBytes',
    toValue: (n) => Math.round(n * MB),
    min: 0.01,
  },
];

export class LimitsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LimitsError';
  }
}

/** The limits the environment asks for; a malformed value is an error rather than a silent default. */
export function limitsFromEnv(env: NodeJS.ProcessEnv): SyncLimits {
  const limits: SyncLimits = { ...DEFAULT_LIMITS };
  for (const { name, key, toValue, min } of VARIABLES) {
    const raw = env[name]?.trim();
    if (!raw) continue;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min)
      throw new LimitsError(`${name} must be a number of at least ${min}, got "${raw}"`);
    limits[key] = toValue(value);
  }
  return limits;
}
