// Screenshots of every main screen at phone and tablet sizes, in Japanese and English, from a
// ledger filled through the UI as staff would fill it (a paper ledger's past visits copied in, a
// regular who brought a friend, a talk-about, a caution, a reminder, an appraisal and a buy-in in
// the 古物台帳, a customer import, sync between two devices, the lock screen).
//
//   npm run build && npm run screenshots              every screen into screenshots/
//   npm run screenshots -- --readme                   also refreshes the README's images in docs/
//   npm run screenshots -- --only ja-phone --out dir  one language and size
//
// This is the one screenshot script: the README's pictures are a chosen few of its screens
// (README_SHOTS), so they cannot drift from what the script shows.
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { SIZES, repoRoot, startBuiltServer } from './built-server.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';

const { values: args } = parseArgs({
  options: {
    out: { type: 'string', default: 'screenshots' },
    only: { type: 'string' },
    readme: { type: 'boolean', default: false },
  },
});
const out = path.resolve(args.out);
await mkdir(out, { recursive: true });

/** The README's pictures: `<language>-<size>-<screen>` from this run, copied to docs/. */
const README_SHOTS = [
  'ja-tablet-search-recent',
  'en-tablet-card-regular',
  'ja-phone-card-regular',
  'ja-phone-today',
  'en-tablet-today',
  'ja-tablet-appraisal',
  'en-phone-appraisal',
  'ja-tablet-ledger',
  'en-phone-search-stages',
  'ja-tablet-follow-ups',
  'ja-phone-insights',
  'ja-phone-today-matches',
];

const L = {
  ja: {
    locale: 'ja-JP',
    name: 'お名前',
    reading: 'よみがな',
    phone: '電話番号',
    email: 'メール',
    handle: 'LINE・SNSのアカウント',
    address: '住所',
    birthday: '誕生日',
    may: '連絡してよい',
    save: '保存',
    addNote: 'メモを追加',
    note: 'メモ',
    date: '日時',
    saveNote: 'メモを保存',
    amount: '金額',
    referredBy: '紹介者',
    talk: '話題',
    addTalk: '話題を追加',
    setCaution: '要注意を設定',
    reason: '理由',
    saveCaution: '要注意を保存',
    lookingFor: 'お探しの品',
    addWanted: '探しものを追加',
    matches: '入荷のお知らせ',
    search: '顧客を検索',
    addReminder: 'リマインダーを追加',
    reminder: 'リマインダー',
    newAppraisal: '査定をはじめる',
    item: '品物',
    category: '品目',
    description: '品名',
    features: '特徴',
    price: '査定額',
    addItem: '品物を追加',
    accept: '買取',
    photo: '写真',
    document: '身分証明書',
    licence: '運転免許証',
    occupation: '職業',
    age: '年齢',
    record: '買取を記録',
    cancel: 'キャンセル',
    ledger: '古物台帳',
    ledgerSearch: '台帳を検索',
    game: 'ゲームソフト',
    kimono: '衣類・着物',
    sale: '販売を記録',
    import: '顧客を取り込む',
    importButton: '取り込む',
    start: '同期を始める',
    pairing: 'ペアリングコード',
    enterCode: 'ペアリングコードを入力',
    join: 'お店に参加',
    synced: '同期済み',
    customers: '顧客',
    newPinFor: '新しい暗証番号',
    setPinFor: '暗証番号を設定',
    lock: 'ロック',
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
    handle: 'LINE or SNS handle',
    address: 'Address',
    birthday: 'Birthday',
    may: 'May contact',
    save: 'Save',
    addNote: 'Add note',
    note: 'Note',
    date: 'Date',
    saveNote: 'Save note',
    amount: 'Amount',
    referredBy: 'Referred by',
    talk: 'Talk about',
    addTalk: 'Add talk-about',
    setCaution: 'Set caution',
    reason: 'Reason',
    saveCaution: 'Save caution',
    lookingFor: 'Looking for',
    addWanted: 'Add wanted item',
    matches: 'It came in: matches',
    search: 'Search customers',
    addReminder: 'Add reminder',
    reminder: 'Reminder',
    newAppraisal: 'New appraisal',
    item: 'Item',
    category: 'Category',
    description: 'Description',
    features: 'Features',
    price: 'Price',
    addItem: 'Add item',
    accept: 'Accept',
    photo: 'Photo',
    document: 'ID document',
    licence: "Driver's licence",
    occupation: 'Occupation',
    age: 'Age',
    record: 'Record buy-in',
    cancel: 'Cancel',
    ledger: 'Ledger',
    ledgerSearch: 'Search ledger',
    game: 'Game software',
    kimono: 'Clothing, kimono',
    sale: 'Record sale',
    import: 'Import customers',
    importButton: 'Import',
    start: 'Start sync',
    pairing: 'Pairing code',
    enterCode: 'Enter pairing code',
    join: 'Join shop',
    synced: 'Synced',
    customers: 'Customers',
    newPinFor: 'New PIN for',
    setPinFor: 'Set PIN for',
    lock: 'Lock',
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
const wanted = (lang, sizeName) => !args.only || args.only === `${lang}-${sizeName}` || args.only === lang;

/**
 * `<name>.png` is what a person sees on the screen; `<name>-full.png` the whole page (where the
 * fixed bottom navigation shows wherever the screen happened to be, so the README uses the first).
 */
async function shoot(page, name, { fullPage = true, keepScroll = false } = {}) {
  // Filling a form scrolls it; the picture starts where a person opening the screen starts.
  if (!keepScroll) await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(out, `${name}.png`) });
  if (fullPage) await page.screenshot({ path: path.join(out, `${name}-full.png`), fullPage: true });
  console.log(name);
}

async function newCustomer(page, t, { name, reading, phone, email, line, referrer, address, birthday }) {
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

/** A photo as a phone camera would hand it over: a large PNG drawn in the page. */
async function cameraPhoto(page) {
  const bytes = await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(2400, 1800);
    const g = canvas.getContext('2d');
    g.fillStyle = '#c0392b';
    g.fillRect(0, 0, 2400, 1800);
    g.fillStyle = '#fff';
    g.font = 'bold 320px sans-serif';
    g.fillText('SWITCH', 300, 1000);
    return Array.from(new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer()));
  });
  return { name: 'IMG_0001.png', mimeType: 'image/png', buffer: Buffer.from(bytes) };
}

/** Opens a new appraisal on the card shown and fills two items, one with a photo. */
async function fillAppraisal(page, t) {
  await page.getByRole('button', { name: t.newAppraisal }).click();
  const first = page.getByRole('group', { name: `${t.item} 1` });
  await first.getByRole('combobox', { name: t.category }).selectOption({ label: t.game });
  await first.getByRole('textbox', { name: t.description }).fill('マリオカート8 デラックス');
  await first.getByRole('textbox', { name: t.features }).fill('Switch, HAC-P-AABPA, ケースに傷');
  await first.getByRole('textbox', { name: t.price }).fill('2500');
  await first.getByLabel(t.photo).setInputFiles(await cameraPhoto(page));
  await first.getByRole('img').waitFor();
  await page.getByRole('button', { name: t.addItem }).click();
  const second = page.getByRole('group', { name: `${t.item} 2` });
  await second.getByRole('combobox', { name: t.category }).selectOption({ label: t.kimono });
  await second.getByRole('textbox', { name: t.description }).fill('訪問着');
  await second.getByRole('textbox', { name: t.features }).fill('正絹、藤色、裾にしみ');
  await second.getByRole('textbox', { name: t.price }).fill('8000');
  return { first };
}

/** The ledger one language's screens are taken from, filled at tablet size. */
async function fillLedger(page, t) {
  await page.goto('/');
  // A regular with a rhythm, copied from the paper ledger, who sold the shop a kimono.
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
  // The friend she brought, captured today with a purchase and a reminder; she is looking for
  // the game Hanako is about to sell, so Today and Follow-ups show "It came in".
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
  await page.getByRole('textbox', { name: t.lookingFor, exact: true }).fill('マリオカート');
  await page.getByRole('combobox', { name: t.category, exact: true }).selectOption({ label: t.game });
  await page.getByRole('button', { name: t.addWanted }).click();
  await page.getByText('マリオカート', { exact: true }).waitFor();
  await page.goto(hanako);
  await page.getByRole('heading', { level: 1, name: '田中 花子' }).waitFor();
  // Today's buy-in from her: one item accepted, her ID checked, recorded in the 古物台帳.
  const { first } = await fillAppraisal(page, t);
  await first.getByRole('checkbox', { name: t.accept }).check();
  await page.getByRole('combobox', { name: t.document }).selectOption({ label: t.licence });
  await page.getByRole('textbox', { name: t.occupation }).fill('会社員');
  await page.getByRole('textbox', { name: t.age, exact: true }).fill('51');
  await page.getByRole('button', { name: t.record }).click();
  await page.getByRole('heading', { level: 1, name: '田中 花子' }).waitFor();
  // A lapsing regular and a customer to be careful with.
  await newCustomer(page, t, { name: 'John Smith', reading: 'じょん すみす', email: 'john@example.com' });
  for (const daysAgo of [200, 185, 170]) await note(page, t, t.notes[0], daysAgo, '2200');
  await newCustomer(page, t, { name: '鈴木 慎一', reading: 'すずき しんいち', phone: '03-1234-5678' });
  await note(page, t, t.notes[1], 0);
  await page.getByRole('button', { name: t.setCaution }).click();
  await page.getByRole('textbox', { name: t.reason, exact: true }).fill(t.cautionText);
  await page.getByRole('button', { name: t.saveCaution }).click();
  return { hanako };
}

/** The screens of one language at one size, from the filled ledger. */
async function shootScreens(page, t, prefix, { hanako }) {
  await page.goto('/');
  await page.getByRole('searchbox', { name: t.search }).waitFor();
  await shoot(page, `${prefix}-search-recent`, { fullPage: false });
  await page.getByRole('searchbox', { name: t.search }).fill('s');
  await shoot(page, `${prefix}-search-stages`, { fullPage: false });
  // Results keep their rows as the query changes: the caution row, now John's, must look like his.
  await page.getByRole('searchbox', { name: t.search }).fill('su');
  await page.getByRole('link', { name: /^鈴木 慎一/ }).waitFor();
  await page.getByRole('searchbox', { name: t.search }).fill('jo');
  await page.getByRole('link', { name: /^John Smith/ }).waitFor();
  await shoot(page, `${prefix}-search-retyped`, { fullPage: false });
  await page.getByRole('searchbox', { name: t.search }).fill('');

  await page.goto(hanako);
  await page.getByRole('heading', { level: 1, name: '田中 花子' }).waitFor();
  await shoot(page, `${prefix}-card-regular`);
  await fillAppraisal(page, t);
  await shoot(page, `${prefix}-appraisal`);
  await page.getByRole('button', { name: t.cancel, exact: true }).first().click();
  await page.getByRole('heading', { level: 1, name: '田中 花子' }).waitFor();
  await page.getByRole('button', { name: t.sale }).click();
  await shoot(page, `${prefix}-sale`);

  await page.goto('/ledger');
  await page.getByRole('searchbox', { name: t.ledgerSearch }).waitFor();
  await shoot(page, `${prefix}-ledger`);
  await page.getByRole('table').getByRole('link').first().click();
  await shoot(page, `${prefix}-ledger-record`);

  for (const [route, name] of [
    ['/today', 'today'],
    ['/insights', 'insights'],
    ['/follow-ups', 'follow-ups'],
    ['/lists?month=', 'lists'],
    ['/settings', 'settings'],
    ['/settings/stages', 'settings-stages'],
    ['/capture', 'quick-capture'],
  ]) {
    await page.goto(route);
    await page.waitForLoadState('networkidle');
    await shoot(page, `${prefix}-${name}`);
  }
  await page.goto('/today');
  await page.getByRole('region', { name: t.matches }).scrollIntoViewIfNeeded();
  await shoot(page, `${prefix}-today-matches`, { fullPage: false, keepScroll: true });
  await page.goto('/customers/new');
  await page.getByRole('combobox', { name: t.referredBy }).fill('ta');
  await shoot(page, `${prefix}-new-customer-referred-by`, { fullPage: false });
}

/** A shop's customer list imported from a spreadsheet: the preview, then the result. */
async function shootImport(page, t, prefix) {
  await page.goto('/settings');
  const file = page.getByLabel(t.import, { exact: true });
  await file.setInputFiles(path.join(repoRoot, 'test/fixtures/spreadsheet-utf8-bom.csv'));
  await page.getByRole('button', { name: t.importButton, exact: true }).waitFor();
  await file.scrollIntoViewIfNeeded();
  await shoot(page, `${prefix}-import-preview`, { fullPage: false, keepScroll: true });
  await page.getByRole('button', { name: t.importButton, exact: true }).click();
  await page.locator('.import-result').waitFor();
  await page.locator('.import-result').scrollIntoViewIfNeeded();
  await shoot(page, `${prefix}-import-result`, { fullPage: false, keepScroll: true });
}

/** The owner starts sync on the tablet and the phone joins with the pairing code. */
async function shootSync(browser, t, prefix, viewport, baseURL) {
  const owner = await browser.newContext({ locale: t.locale, viewport, baseURL });
  const phone = await browser.newContext({ locale: t.locale, viewport, baseURL });
  try {
    const a = await owner.newPage();
    const b = await phone.newPage();
    await a.goto('/settings/sync');
    await a.getByRole('button', { name: t.start }).click();
    const code = await a.getByLabel(t.pairing, { exact: true }).textContent({ timeout: 15_000 });
    await a.getByRole('status').filter({ hasText: t.synced }).first().waitFor({ timeout: 15_000 });
    await shoot(a, `${prefix}-sync-owner-code`);
    await b.goto('/settings/sync');
    await b.getByRole('textbox', { name: t.enterCode }).fill(code ?? '');
    await b.getByRole('button', { name: t.join }).click();
    await b.getByRole('status').filter({ hasText: t.synced }).first().waitFor({ timeout: 15_000 });
    await b.goto('/');
    await b.getByRole('searchbox', { name: t.search }).waitFor();
    await shoot(b, `${prefix}-sync-joined`, { fullPage: false });
    await phone.setOffline(true);
    await shoot(b, `${prefix}-sync-offline`, { fullPage: false });
  } finally {
    await owner.close();
    await phone.close();
  }
}

/** A staff PIN set, then the tablet locked. Last: a locked ledger shows nothing else. */
async function shootLock(page, t, prefix) {
  await page.goto('/settings/staff');
  await page.getByLabel(new RegExp(t.newPinFor)).first().fill('1357');
  await page.getByRole('button', { name: new RegExp(t.setPinFor) }).first().click();
  await page.getByRole('button', { name: t.lock, exact: true }).click();
  await shoot(page, `${prefix}-locked`, { fullPage: false });
}

const server = await startBuiltServer({ output: 'inherit' });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
const taken = [];
try {
  for (const [lang, t] of Object.entries(L)) {
    const sizes = Object.entries(SIZES).filter(([sizeName]) => wanted(lang, sizeName));
    if (sizes.length === 0) continue;
    const context = await browser.newContext({
      locale: t.locale,
      viewport: SIZES.tablet,
      baseURL: server.baseURL,
      deviceScaleFactor: 1,
    });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error('pageerror', error.message));
    const ledger = await fillLedger(page, t);
    for (const [sizeName, viewport] of sizes) {
      const prefix = `${lang}-${sizeName}`;
      await page.setViewportSize(viewport);
      await shootScreens(page, t, prefix, ledger);
      await shootImport(page, t, prefix);
      await shootSync(browser, t, prefix, viewport, server.baseURL);
      taken.push(prefix);
    }
    await page.goto('/ledger');
    await page.emulateMedia({ media: 'print' });
    await shoot(page, `${lang}-print-ledger`);
    await page.goto('/lists?month=');
    await shoot(page, `${lang}-print-list`);
    await page.emulateMedia({ media: 'screen' });
    await shootLock(page, t, `${lang}-${sizes.at(-1)[0]}`);
    await context.close();
  }
  if (args.readme) {
    // With --only, the README pictures of that language or size are refreshed and the rest kept.
    const refreshed = README_SHOTS.filter((shot) => taken.includes(shot.split('-').slice(0, 2).join('-')));
    for (const shot of refreshed) {
      await copyFile(path.join(out, `${shot}.png`), path.join(repoRoot, 'docs', `screenshot-${shot}.png`));
    }
    console.log(`README screenshots refreshed in docs/: ${refreshed.length} of ${README_SHOTS.length}`);
  }
} finally {
  await browser.close();
  await server.stop();
}
console.log(`screenshots in ${out}`);
