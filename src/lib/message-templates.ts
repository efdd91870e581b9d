/**
 * Messages the shop sends by hand through the customer's own apps: a template with placeholders
 * ({name}, {shop}), filled in and handed to LINE, SMS, mail or the phone. The app itself never
 * sends anything.
 *
 * Japan's anti-spam email law (特定電子メール法) asks every advertising email to carry the
 * sender's name and address and how to stop receiving messages, so a mail body always ends with
 * that footer, added here rather than left to each template. The law counts SMS as well: a text
 * ends with the shop's name and how to stop, kept short (a Japanese SMS is 70 characters a part),
 * the address left to mail.
 */

/** In the order a relationship meets them: the ladder's steps, then the others. */
export const TEMPLATE_KINDS = [
  'thank-you',
  'thank-you-buy-in',
  'tip',
  'invitation',
  'referral-thanks',
  'came-in',
  'still-with-you',
  'birthday',
  'lapsed',
  'reminder',
] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export const MESSAGE_LANGUAGES = ['ja', 'en'] as const;
export type MessageLanguage = (typeof MESSAGE_LANGUAGES)[number];

export type Localized = Record<MessageLanguage, string>;

export interface MessageTemplates {
  bodies: Record<TemplateKind, Localized>;
  /** How to stop receiving messages: the end of every mail. */
  optOut: Localized;
}

export const TEMPLATE_MAX = 1000;

/** Placeholder → what it stands for; Japanese spellings are accepted for Japanese owners. */
const PLACEHOLDERS: Record<string, keyof MessageValues> = {
  name: 'name',
  お名前: 'name',
  名前: 'name',
  shop: 'shop',
  店名: 'shop',
  item: 'item',
  品物: 'item',
  品名: 'item',
};

export const PLACEHOLDER_NAMES = ['name', 'shop', 'item'] as const;

/** `{name}`, `{{name}}`, `{ name }` and full-width `｛name｝` all count as the placeholder name. */
const TOKEN = /[{｛]+\s*([^{}｛｝]*?)\s*[}｝]+/g;
const STRAY_BRACE = /[{}｛｝]/;

/** Placeholders the template uses that the app does not know, as typed; [] when all are fine. */
export function unknownPlaceholders(template: string): string[] {
  const unknown: string[] = [];
  for (const match of template.matchAll(TOKEN)) {
    if (!(match[1]! in PLACEHOLDERS)) unknown.push(match[0]);
  }
  // A brace left over once every {…} is taken out is a placeholder typed wrong ("{name").
  const rest = template.replace(TOKEN, '');
  const stray = STRAY_BRACE.exec(rest);
  if (stray) unknown.push(stray[0]);
  return [...new Set(unknown)];
}

export interface MessageValues {
  name: string;
  shop: string;
  /** What the message names (what they bought or sold, what came in); a template's own word when unknown. */
  item?: string;
}

export function fillTemplate(template: string, values: MessageValues): string {
  return template.replace(TOKEN, (whole, key: string) => {
    const known = PLACEHOLDERS[key];
    return known ? (values[known] ?? whole) : whole;
  });
}

/**
 * Stored templates with every kind this version knows: templates saved before a kind existed (or
 * synced from an older app) take the default for it.
 */
export function withEveryTemplate(
  stored: Partial<Pick<MessageTemplates, 'bodies'>> & Partial<MessageTemplates>,
  defaults: MessageTemplates,
): MessageTemplates {
  const bodies = { ...defaults.bodies };
  for (const kind of TEMPLATE_KINDS) {
    const body = stored.bodies?.[kind];
    if (body) bodies[kind] = { ...defaults.bodies[kind], ...body };
  }
  return { bodies, optOut: { ...defaults.optOut, ...stored.optOut } };
}

export interface ShopIdentity {
  shopName: string;
  shopAddress: string;
  optOut: string;
}

/** Name, address and how to stop: what the anti-spam email law asks at the end of a mail. */
export function mailFooter({ shopName, shopAddress, optOut }: ShopIdentity): string {
  return ['--', shopName.trim(), shopAddress.trim(), optOut.trim()].filter(Boolean).join('\n');
}

export function mailBody(message: string, shop: ShopIdentity): string {
  return `${message.trimEnd()}\n\n${mailFooter(shop)}`;
}

/** A text message ends with who sends it and how to stop: the shop's name, then the opt-out. */
export function smsBody(message: string, { shopName, optOut }: ShopIdentity): string {
  const ending = [shopName.trim(), optOut.trim()].filter(Boolean).join('\n');
  return ending ? `${message.trimEnd()}\n\n${ending}` : message;
}

/** Ways to reach the customer that they agreed to; the app opens them, the person sends. */
export type SendChannel = 'line' | 'sms' | 'mail' | 'phone';

export interface SendTarget {
  channel: SendChannel;
  href: string;
}

export interface Reachable {
  /** E.164 numbers, mobile first where known. */
  phones: readonly string[];
  email: string;
  /** Channels with an active consent. */
  consented: ReadonlySet<string>;
}

/** Japanese mobile numbers (070/080/090) are the ones that take SMS. */
function smsNumber(phones: readonly string[]): string | undefined {
  return (
    phones.find((p) => /^\+81[789]0\d{8}$/.test(p)) ?? phones.find((p) => !p.startsWith('+81'))
  );
}

/**
 * Links for every channel the customer consented to and can be reached on. No consent, no link:
 * the LINE share sheet needs no address, but it still needs the customer's agreement.
 */
export function sendTargets(
  to: Reachable,
  message: string,
  mail: { subject: string; shop: ShopIdentity },
): SendTarget[] {
  const targets: SendTarget[] = [];
  const text = encodeURIComponent(message);
  if (to.consented.has('line')) {
    targets.push({ channel: 'line', href: `https://line.me/R/share?text=${text}` });
  }
  const sms = smsNumber(to.phones);
  if (to.consented.has('sms') && sms) {
    targets.push({ channel: 'sms', href: `sms:${sms}?body=${encodeURIComponent(smsBody(message, mail.shop))}` });
  }
  if (to.consented.has('mail') && to.email) {
    const query = `subject=${encodeURIComponent(mail.subject)}&body=${encodeURIComponent(mailBody(message, mail.shop))}`;
    targets.push({
      channel: 'mail',
      href: `mailto:${encodeURIComponent(to.email).replace('%40', '@')}?${query}`,
    });
  }
  const phone = to.phones[0];
  if (to.consented.has('phone') && phone) {
    targets.push({ channel: 'phone', href: `tel:${phone}` });
  }
  return targets;
}
