/**
 * What a person may type for a customer, checked the same way by the forms (inline messages) and
 * by the data layer (nothing malformed is ever stored). Errors are codes, not sentences, so each
 * language says them its own way.
 */
import * as z from 'zod';
import { HANDLE_KINDS, VISIT_KINDS, type CustomerFields, type VisitFields } from '../model/types';
import { charCount } from './char-count';
import { parsePhone } from './phone';
import { parseBirthday } from './wareki';

// The app's Content-Security-Policy forbids eval; without this zod probes `new Function` and
// logs a CSP violation before falling back to the same checks.
z.config({ jitless: true });

export const LIMITS = {
  name: 100,
  reading: 100,
  email: 254,
  address: 300,
  about: 5000,
  handle: 100,
  tag: 40,
  tags: 30,
  phones: 5,
  note: 5000,
  memberNumber: 40,
} as const;

export type InputErrorCode =
  | 'required'
  | 'tooLong'
  | 'tooMany'
  | 'invalidEmail'
  | 'invalidPhone'
  | 'invalidDate'
  | 'invalidEra'
  | 'invalidAmount'
  | 'noChannel'
  | 'referralCycle'
  | 'unknownPlaceholder'
  | 'noHealthConsent'
  | 'invalid';

const CODES: readonly InputErrorCode[] = [
  'required',
  'tooLong',
  'tooMany',
  'invalidEmail',
  'invalidPhone',
  'invalidDate',
  'invalidEra',
  'invalidAmount',
];

export interface FieldError {
  /** "name", "email", "phones.1", … */
  field: string;
  code: InputErrorCode;
  max?: number;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

export { charCount };

export function text(max: number, options: { required?: boolean } = {}) {
  const base = z
    .string()
    .trim()
    .refine((s) => charCount(s) <= max, { error: `tooLong:${max}` });
  return options.required ? base.refine((s) => s.length > 0, { error: 'required' }) : base;
}

const email = z
  .string()
  .trim()
  .transform((s) => s.normalize('NFKC'))
  .pipe(z.union([z.literal(''), z.email({ error: 'invalidEmail' }).max(LIMITS.email, { error: `tooLong:${LIMITS.email}` })]));

const phones = z
  .array(z.string())
  .transform((list) => list.map((p) => p.trim()).filter(Boolean))
  .refine((list) => list.length <= LIMITS.phones, { error: `tooMany:${LIMITS.phones}` })
  .transform((list, ctx) =>
    list.map((typed, i) => {
      const parsed = parsePhone(typed);
      if (!parsed.ok) {
        ctx.addIssue({ code: 'custom', message: 'invalidPhone', path: [i] });
        return typed;
      }
      return parsed.e164;
    }),
  );

/** YYYY-MM-DD that is a real calendar day, or --MM-DD when only the day is known. */
export function isValidBirthday(value: string): boolean {
  const m = /^(?:(\d{4})-|--)(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const year = m[1] === undefined ? 2000 : Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day && year >= 1900;
}

/**
 * As typed (1985-04-12, 1985/4/12, 昭和60年4月12日, S60.4.12, 4/12: see lib/wareki), stored as
 * YYYY-MM-DD or --MM-DD. A day outside the era it is written in (平成32年) is 'invalidEra'.
 */
const birthday = z
  .string()
  .optional()
  .transform((s, ctx) => {
    const parsed = parseBirthday(s ?? '');
    if (parsed.ok) return parsed.value || undefined;
    ctx.addIssue({ code: 'custom', message: parsed.reason === 'outsideEra' ? 'invalidEra' : 'invalidDate' });
    return z.NEVER;
  })
  .refine((s) => s === undefined || isValidBirthday(s), { error: 'invalidDate' });

const tags = z
  .array(z.string())
  .transform((list) => [...new Set(list.map((t) => t.trim()).filter(Boolean))])
  .refine((list) => list.length <= LIMITS.tags, { error: `tooMany:${LIMITS.tags}` })
  .refine((list) => list.every((t) => charCount(t) <= LIMITS.tag), {
    error: `tooLong:${LIMITS.tag}`,
  });

const handles = z
  .array(z.object({ kind: z.enum(HANDLE_KINDS), value: text(LIMITS.handle) }))
  .transform((list) => list.filter((h) => h.value));

export const customerSchema = z.object({
  name: text(LIMITS.name, { required: true }),
  reading: text(LIMITS.reading).default(''),
  phones: phones.default([]),
  email: email.default(''),
  handles: handles.default([]),
  address: text(LIMITS.address).default(''),
  birthday,
  tags: tags.default([]),
  about: text(LIMITS.about).default(''),
  referredBy: z
    .string()
    .trim()
    .optional()
    .transform((s) => (s ? s : undefined)),
  // As the other system wrote it, full-width digits folded: staff type it to find the card.
  memberNumber: text(LIMITS.memberNumber)
    .optional()
    .transform((s) => (s ? s.normalize('NFKC') : undefined)),
});

export type CustomerInput = z.input<typeof customerSchema>;

export function toFieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.map((issue) => {
    const [code, max] = issue.message.split(':');
    const known = CODES.find((c) => c === code);
    // Only our own "code:max" messages carry a limit; zod's built-in messages may contain colons too.
    return {
      field: issue.path.join('.'),
      code: known ?? 'invalid',
      ...(known && max ? { max: Number(max) } : {}),
    };
  });
}

export function parseCustomerInput(input: CustomerInput): Parsed<CustomerFields> {
  const result = customerSchema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, errors: toFieldErrors(result.error.issues) };
}

export const visitSchema = z.object({
  at: z
    .number({ error: 'invalidDate' })
    .refine((t) => Number.isFinite(t) && t > Date.UTC(1900, 0, 1), { error: 'invalidDate' }),
  kind: z.enum(VISIT_KINDS),
  amount: z
    .number({ error: 'invalidAmount' })
    .optional()
    .refine((n) => n === undefined || (Number.isInteger(n) && n >= 0), { error: 'invalidAmount' }),
  note: text(LIMITS.note).default(''),
  health: z.boolean().optional(),
});

export type VisitInput = z.input<typeof visitSchema>;

export function parseVisitInput(input: VisitInput): Parsed<VisitFields> {
  const result = visitSchema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, errors: toFieldErrors(result.error.issues) };
}
