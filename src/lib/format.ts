/** Dates and money as each language writes them, through Intl (no extra library needed). */

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function memo<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let formatter = cache.get(key);
  if (!formatter) {
    formatter = make();
    cache.set(key, formatter);
  }
  return formatter as T;
}

export function formatDateTime(ms: number, language: string): string {
  return memo(`dt:${language}`, () =>
    new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }),
  ).format(ms);
}

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const twoDigits = (n: number) => String(n).padStart(2, '0');

/**
 * The app's two languages' medium date, exactly as Intl writes it (a test compares them), without
 * Intl: the first Intl formatter of a page loads ICU's data, tens of milliseconds on a tablet, and
 * the customer list's rows show a date in the first second after a start, while staff type.
 */
function mediumDateWithoutIntl(ms: number, language: string): string | undefined {
  const date = new Date(ms);
  const year = date.getFullYear();
  if (!(year >= 1000 && year <= 9999)) return undefined;
  if (language === 'ja') return `${year}/${twoDigits(date.getMonth() + 1)}/${twoDigits(date.getDate())}`;
  if (language === 'en') return `${EN_MONTHS[date.getMonth()]} ${date.getDate()}, ${year}`;
  return undefined;
}

export function formatDate(ms: number, language: string): string {
  return (
    mediumDateWithoutIntl(ms, language) ??
    memo(`d:${language}`, () => new Intl.DateTimeFormat(language, { dateStyle: 'medium' })).format(ms)
  );
}

/** A calendar date stored as YYYY-MM-DD (or --MM-DD), shown without time-zone drift. */
export function formatCalendarDate(value: string, language: string): string {
  const m = /^(\d{4}|--)-?(\d{2})-(\d{2})$/.exec(value);
  if (!m) return value;
  const noYear = m[1] === '--';
  const date = Date.UTC(noYear ? 2000 : Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return memo(`cd:${language}:${noYear}`, () =>
    new Intl.DateTimeFormat(language, {
      ...(noYear ? {} : { year: 'numeric' }),
      month: 'long',
      day: 'numeric',
      timeZone: 'UTC',
    }),
  ).format(date);
}

export function formatYen(amount: number, language: string): string {
  return memo(`yen:${language}`, () =>
    new Intl.NumberFormat(language, { style: 'currency', currency: 'JPY' }),
  ).format(amount);
}

export function formatBytes(bytes: number, language: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit: units[unit],
    maximumFractionDigits: value < 10 && unit > 0 ? 1 : 0,
  }).format(value);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The value an <input type="datetime-local"> shows for a moment, in the device's time zone. */
export function toDateTimeLocal(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Parses the value of an <input type="datetime-local">; NaN when empty or malformed. */
export function fromDateTimeLocal(value: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!m) return Number.NaN;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5])).getTime();
}
