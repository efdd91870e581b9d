// Screenshots of the relationship screens (card with stage, talk-about, caution and referrals;
// search results; follow-ups; Today; lists; settings) at phone and tablet sizes, in Japanese and
// English. Needs a built app: `npm run build`, then `node scripts/screenshots-relationships.mjs [dir]`.
// The ledger is filled through the UI, as staff would: past visits copied from a paper ledger,
// a referral, a talk-about prompt, a caution flag and a reminder.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';
import { SIZES, startBuiltServer } from './built-server.mjs';

const out = path.resolve(process.argv[2] ?? 'screenshots');
await mkdir(out, { recursive: true });

const server = await startBuiltServer({ output: 'inherit' });
const base = server.baseURL;
const sizes = SIZES;
const L = {
  ja: {
    locale: 'ja-JP',
    name: 'お名前',
    reading: 'よみがな',
    phone: '電話番号',
    email: 'メール',
    may: '連絡してよい',
    save: '保存',
    addNote: 'メモを追加',
    note: 'メモ',
    date: '日時',
    kind: '種類',
    saveNote: 'メモを保存',
    amount: '金額',
    referredBy: '紹介者',
    talk: '話題',
    addTalk: '話題を追加',
    setCaution: '要注意を設定',
    reason: '理由',
    saveCaution: '要注意を保存',
    search: '顧客を検索',
    addReminder: 'リマインダーを追加',
    reminder: 'リマインダー',
    handle: 'LINE・SNSのアカウント',
    address: '住所',
    birthday: '誕生日',
    talkText: '柴犬のポチ',
    cautionText: '値引きの強要で大声を出されたことがある',
    reminderText: '有田焼の花瓶が入荷したら電話',
    notes: ['帯締めをお買い上げ', '振袖のご相談', '祖母の訪問着を買い取り'],
  },
  en: {
    locale: 'en-US',
    name: 'Name',
    reading: 'Reading',
    phone: 'Phone',
    email: 'Email',
    may: 'May contact',
    save: 'Save',
    addNote: 'Add note',
    note: 'Note',
    date: 'Date',
    kind: 'Kind',
    saveNote: 'Save note',
    amount: 'Amount',
    referredBy: 'Referred by',
    talk: 'Talk about',
    addTalk: 'Add talk-about',
    setCaution: 'Set caution',
    reason: 'Reason',
    saveCaution: 'Save caution',
    search: 'Search customers',
    addReminder: 'Add reminder',
    reminder: 'Reminder',
    handle: 'LINE or SNS handle',
    address: 'Address',
    birthday: 'Birthday',
    talkText: 'Shiba dog called Pochi',
    cautionText: 'Shouted at staff over a discount',
    reminderText: 'Call when the Arita vase comes in',
    notes: ['Bought an obijime', 'Asked about a furisode', "Sold us her grandmother's kimono"],
  },
};

const pad = (n) => String(n).padStart(2, '0');
function localInput(daysAgo, hour = 14) {
  const d = new Date(Date.now() - daysAgo * 86_400_000);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(hour)}:00`;
}

const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  headless: true,
  args: CHROMIUM_ARGS,
});

async function newCustomer(
  page,
  t,
  { name, reading, phone, email, line, referrer, address, birthday },
) {
  await page.goto('/customers/new');
  await page.getByRole('textbox', { name: t.name, exact: true }).fill(name);
  await page.getByRole('textbox', { name: t.reading, exact: true }).fill(reading);
  if (phone) await page.getByRole('textbox', { name: t.phone, exact: true }).fill(phone);
  if (email) await page.getByRole('textbox', { name: t.email, exact: true }).fill(email);
  if (line) await page.getByRole('textbox', { name: t.handle, exact: true }).fill(line);
  if (address) await page.getByRole('textbox', { name: t.address, exact: true }).fill(address);
  if (birthday) await page.getByLabel(t.birthday, { exact: true }).fill(birthday);
  if (referrer) {
    await page.getByRole('combobox', { name: t.referredBy }).fill(referrer.typed);
    await page.getByRole('option', { name: new RegExp(`^${referrer.name}`) }).click();
  }
  if (phone || email || line) await page.getByRole('checkbox', { name: t.may }).check();
  await page.getByRole('button', { name: t.save, exact: true }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

async function note(page, t, text, daysAgo, amount) {
  await page.getByRole('button', { name: t.addNote }).click();
  await page.getByRole('textbox', { name: t.note, exact: true }).fill(text);
  await page.getByLabel(t.date, { exact: true }).fill(localInput(daysAgo));
  if (amount) await page.getByLabel(t.amount, { exact: true }).fill(amount);
  await page.getByRole('button', { name: t.saveNote }).click();
  await page.getByRole('button', { name: t.addNote }).waitFor();
}

async function shoot(page, name, fullPage = true) {
  await page.waitForTimeout(250);
  await page.screenshot({ path: `${out}/${name}.png`, fullPage });
}

try {
  for (const [lang, t] of Object.entries(L)) {
    if (process.env.ONLY_LANG && process.env.ONLY_LANG !== lang) continue;
    const context = await browser.newContext({
      locale: t.locale,
      viewport: sizes.tablet,
      baseURL: base,
      deviceScaleFactor: 1,
    });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error('pageerror', e.message));
    await page.goto('/');

    // A regular with a rhythm, copied from the paper ledger, who brought a friend.
    await newCustomer(page, t, {
      name: '田中 花子',
      reading: 'たなか はなこ',
      phone: '090-1234-5678',
      email: 'hana@example.jp',
      line: 'hana',
      address: '〒604-8005 京都市中京区三条通 1-2-3',
      birthday: '1975-05-17',
    });
    const hanako = page.url();
    await note(page, t, t.notes[0], 70, '3800');
    await note(page, t, t.notes[1], 40);
    await note(page, t, t.notes[2], 12, '15000');
    await page.getByRole('textbox', { name: t.talk, exact: true }).fill(t.talkText);
    await page.getByRole('button', { name: t.addTalk }).click();
    await page.getByText(t.talkText, { exact: true }).waitFor();
    // The friend she brought, captured today with a purchase.
    await newCustomer(page, t, {
      name: '渡辺 美咲',
      reading: 'わたなべ みさき',
      phone: '080-2345-6789',
      line: 'misaki',
      address: '〒600-8216 京都市下京区烏丸通 4-5',
      referrer: { typed: 'tanaka', name: '田中 花子' },
    });
    await note(page, t, t.notes[0], 0, '6400');
    await page.getByRole('button', { name: t.addReminder }).click();
    await page.getByRole('textbox', { name: t.reminder, exact: true }).fill(t.reminderText);
    await page.getByRole('button', { name: t.addReminder }).click();
    // A lapsed regular and a customer to be careful with.
    await newCustomer(page, t, {
      name: 'John Smith',
      reading: 'じょん すみす',
      email: 'john@example.com',
    });
    for (const n of [200, 185, 170]) await note(page, t, t.notes[0], n, '2200');
    await newCustomer(page, t, {
      name: '鈴木 慎一',
      reading: 'すずき しんいち',
      phone: '03-1234-5678',
    });
    await note(page, t, t.notes[1], 0);
    await page.getByRole('button', { name: t.setCaution }).click();
    await page.getByRole('textbox', { name: t.reason, exact: true }).fill(t.cautionText);
    await page.getByRole('button', { name: t.saveCaution }).click();

    for (const [sizeName, viewport] of Object.entries(sizes)) {
      await page.setViewportSize(viewport);
      const prefix = `${out}/${lang}-${sizeName}`.replace(`${out}/`, '');
      await page.goto(hanako);
      await page.getByRole('heading', { level: 1, name: '田中 花子' }).waitFor();
      await shoot(page, `${prefix}-r1-card-regular`);
      await page.goto('/');
      await page.getByRole('searchbox', { name: t.search }).fill(lang === 'ja' ? 's' : 's');
      await shoot(page, `${prefix}-r2-search`, false);
      await page.getByRole('searchbox', { name: t.search }).fill('');
      await shoot(page, `${prefix}-r3-recent`, false);
      await page.goto('/follow-ups');
      await page.waitForTimeout(500);
      await shoot(page, `${prefix}-r4-follow-ups`);
      await page.goto('/today');
      await page.waitForTimeout(500);
      await shoot(page, `${prefix}-r5-today`);
      await shoot(page, `${prefix}-r5-today-top`, false);
      await page.goto('/lists?month=');
      await page.waitForTimeout(300);
      await shoot(page, `${prefix}-r6-lists`);
      await page.goto('/settings');
      await page.waitForTimeout(300);
      await shoot(page, `${prefix}-r7-settings`);
      await page.goto('/customers/new');
      await page.getByRole('combobox', { name: t.referredBy }).fill('ta');
      await page.waitForTimeout(300);
      await shoot(page, `${prefix}-r8-referred-by`, false);
      await page.getByRole('combobox', { name: t.referredBy }).fill('');
    }
    await page.goto('/lists');
    await page.emulateMedia({ media: 'print' });
    await shoot(page, `${lang}-print-list`);
    await page.emulateMedia({ media: 'screen' });
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
console.log(`screenshots in ${out}`);
