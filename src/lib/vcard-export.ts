/** One customer as a vCard 3.0 (the version every phone's contacts app imports). */
import type { Customer } from '../model/types';
import { toKatakana } from 'wanakana';

function escape(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/([,;])/g, '\\$1');
}

function words(value: string): string[] {
  return value.trim().split(/[\s\u3000]+/).filter(Boolean);
}

export function customerToVCard(customer: Customer): string {
  const [family = '', ...given] = words(customer.name);
  const [readingFamily = '', ...readingGiven] = words(customer.reading);
  const kana = (s: string) => (/[\u3040-\u309f]/.test(s) ? toKatakana(s) : s);
  const lines = [
    'BEGIN:VCARD',
    'VERSION:3.0',
    `N:${escape(family)};${escape(given.join(' '))};;;`,
    `FN:${escape(customer.name)}`,
    ...(readingFamily ? [`X-PHONETIC-LAST-NAME:${escape(kana(readingFamily))}`] : []),
    ...(readingGiven.length ? [`X-PHONETIC-FIRST-NAME:${escape(kana(readingGiven.join(' ')))}`] : []),
    ...customer.phones.map((phone) => `TEL;TYPE=CELL:${phone}`),
    ...(customer.email ? [`EMAIL;TYPE=INTERNET:${escape(customer.email)}`] : []),
    ...(customer.address ? [`ADR;TYPE=HOME:;;${escape(customer.address)};;;;`] : []),
    ...(customer.birthday ? [`BDAY:${customer.birthday}`] : []),
    'END:VCARD',
  ];
  return lines.join('\r\n') + '\r\n';
}

export function vcardFileName(customer: Customer): string {
  const safe = customer.name.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 40) || 'customer';
  return `${safe}.vcf`;
}
