/**
 * A realistic, reproducible shop ledger for the benchmark: Japanese names with their readings
 * (and some English names), mobile and landline numbers, addresses, handles, birthdays, tags, memos
 * and things to talk about, and visit histories whose sizes follow a long tail (most customers came
 * once or twice, a few regulars came hundreds of times).
 * A fixed seed makes every run measure the same ledger.
 */
import type { CustomerFields, Handle, VisitFields, VisitKind } from '../src/model/types';

/** mulberry32: small, fast, good enough for test data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES: ReadonlyArray<readonly [string, string]> = [
  ['佐藤', 'さとう'], ['鈴木', 'すずき'], ['高橋', 'たかはし'], ['田中', 'たなか'], ['伊藤', 'いとう'],
  ['渡辺', 'わたなべ'], ['山本', 'やまもと'], ['中村', 'なかむら'], ['小林', 'こばやし'], ['加藤', 'かとう'],
  ['吉田', 'よしだ'], ['山田', 'やまだ'], ['佐々木', 'ささき'], ['山口', 'やまぐち'], ['松本', 'まつもと'],
  ['井上', 'いのうえ'], ['木村', 'きむら'], ['林', 'はやし'], ['斎藤', 'さいとう'], ['清水', 'しみず'],
  ['山崎', 'やまざき'], ['森', 'もり'], ['池田', 'いけだ'], ['橋本', 'はしもと'], ['阿部', 'あべ'],
  ['石川', 'いしかわ'], ['山下', 'やました'], ['中島', 'なかじま'], ['石井', 'いしい'], ['小川', 'おがわ'],
  ['前田', 'まえだ'], ['岡田', 'おかだ'], ['長谷川', 'はせがわ'], ['藤田', 'ふじた'], ['後藤', 'ごとう'],
  ['近藤', 'こんどう'], ['村上', 'むらかみ'], ['遠藤', 'えんどう'], ['青木', 'あおき'], ['坂本', 'さかもと'],
  ['斉藤', 'さいとう'], ['福田', 'ふくだ'], ['太田', 'おおた'], ['西村', 'にしむら'], ['藤井', 'ふじい'],
  ['金子', 'かねこ'], ['岡本', 'おかもと'], ['藤原', 'ふじわら'], ['中野', 'なかの'], ['三浦', 'みうら'],
  ['原田', 'はらだ'], ['中川', 'なかがわ'], ['松田', 'まつだ'], ['竹内', 'たけうち'], ['小野', 'おの'],
  ['田村', 'たむら'], ['中山', 'なかやま'], ['和田', 'わだ'], ['石田', 'いしだ'], ['森田', 'もりた'],
  ['上田', 'うえだ'], ['原', 'はら'], ['内田', 'うちだ'], ['柴田', 'しばた'], ['酒井', 'さかい'],
  ['宮崎', 'みやざき'], ['横山', 'よこやま'], ['高木', 'たかぎ'], ['安藤', 'あんどう'], ['宮本', 'みやもと'],
  ['大野', 'おおの'], ['小島', 'こじま'], ['谷口', 'たにぐち'], ['工藤', 'くどう'], ['今井', 'いまい'],
  ['高田', 'たかだ'], ['増田', 'ますだ'], ['丸山', 'まるやま'], ['杉山', 'すぎやま'], ['村田', 'むらた'],
  ['大塚', 'おおつか'], ['新井', 'あらい'], ['小山', 'こやま'], ['平野', 'ひらの'], ['藤本', 'ふじもと'],
  ['河野', 'こうの'], ['上野', 'うえの'], ['野口', 'のぐち'], ['武田', 'たけだ'], ['松井', 'まつい'],
  ['千葉', 'ちば'], ['岩崎', 'いわさき'], ['菅原', 'すがわら'], ['木下', 'きのした'], ['久保', 'くぼ'],
  ['佐野', 'さの'], ['野村', 'のむら'], ['松尾', 'まつお'], ['市川', 'いちかわ'], ['菊地', 'きくち'],
];

const GIVEN: ReadonlyArray<readonly [string, string]> = [
  ['花子', 'はなこ'], ['一郎', 'いちろう'], ['美咲', 'みさき'], ['翔太', 'しょうた'], ['陽菜', 'ひな'],
  ['大輔', 'だいすけ'], ['さくら', 'さくら'], ['健太', 'けんた'], ['結衣', 'ゆい'], ['拓也', 'たくや'],
  ['愛', 'あい'], ['直樹', 'なおき'], ['彩', 'あや'], ['慎二', 'しんじ'], ['由美子', 'ゆみこ'],
  ['誠', 'まこと'], ['恵子', 'けいこ'], ['浩', 'ひろし'], ['真由美', 'まゆみ'], ['剛', 'つよし'],
  ['優子', 'ゆうこ'], ['隆', 'たかし'], ['智子', 'ともこ'], ['修', 'おさむ'], ['久美子', 'くみこ'],
  ['和也', 'かずや'], ['明美', 'あけみ'], ['亮', 'りょう'], ['裕子', 'ゆうこ'], ['純一', 'じゅんいち'],
  ['千尋', 'ちひろ'], ['蓮', 'れん'], ['葵', 'あおい'], ['悠真', 'ゆうま'], ['凛', 'りん'],
  ['陽介', 'ようすけ'], ['麻衣', 'まい'], ['俊介', 'しゅんすけ'], ['奈々', 'なな'], ['健一', 'けんいち'],
  ['幸子', 'さちこ'], ['正人', 'まさと'], ['里美', 'さとみ'], ['洋子', 'ようこ'], ['勇気', 'ゆうき'],
  ['瞳', 'ひとみ'], ['哲也', 'てつや'], ['綾香', 'あやか'], ['聡', 'さとし'], ['舞', 'まい'],
];

const ENGLISH_FIRST = ['John', 'Emma', 'Liam', 'Olivia', 'Noah', 'Ava', 'Lucas', 'Mia', 'Ethan', 'Chloe', 'David', 'Sophie'];
const ENGLISH_LAST = ['Smith', 'Brown', 'Wilson', 'Taylor', 'Anderson', 'Thomas', 'Martin', 'White', 'Harris', 'Clark'];

const TAGS = [
  '着物', '陶器', '有田焼', '伊万里', '骨董', 'ブランド', '時計', 'バッグ', '常連', '紹介', 'VIP', '古書', 'レコード', 'カメラ',
  'pottery', 'vintage', '茶道具', '掛け軸', '切手', '古銭', 'おもちゃ', '楽器', '美術品', '買取のみ', 'DM不要', '要予約',
];
const NOTES = ['伊万里の小皿を購入', '有田焼の花瓶を探している', '時計の査定', 'バッグを買取', 'サイズはM', 'ワンちゃんの名前はポチ', '次回は着物を見たい', 'Looking for a vintage camera', '贈り物用に包装', 'お礼状送付済み'];
/** What staff write in a card's memo: a sentence or a few, as they come. */
const MEMO_PARTS = [
  '有田焼と伊万里の古い皿を集めている。',
  'ご主人の遺品整理で来店。着物が多数あり、次回まとめて査定希望。',
  '駐車場の場所をいつも聞かれるので地図を渡す。',
  '耳が少し遠いので、ゆっくり大きめの声で。',
  '時計（セイコーの古いもの）を探している。入荷したら電話する。',
  '支払いは現金のみ希望。領収書必要。',
  '娘さんと一緒に来ることが多い。',
  '茶道の先生。茶碗と棗に興味あり。',
  'Prefers English. Collects Showa-era toys and tin robots.',
  '前回の買取価格に不満があった様子。丁寧に説明すること。',
  '平日の午前中に来店することが多い。',
  'レコード（ジャズ）を大量に持っているらしい。出張買取の相談あり。',
  '誕生日月に割引のはがきを送る。',
  '古銭・切手のコレクション。査定は専門の者が対応。',
];
const TALK = ['ワンちゃん（ポチ）は元気か', 'お孫さんの入学祝い', '膝の具合', '先月の旅行（京都）', '探している九谷焼の湯呑み', 'New job in Osaka', '茶会の準備', '引っ越し先の話'];
const PREFECTURES = ['東京都', '神奈川県', '大阪府', '京都府', '愛知県', '福岡県', '北海道', '埼玉県', '千葉県', '兵庫県'];
const CITIES = ['中央区', '港区', '世田谷区', '中京区', '左京区', '北区', '西区', '横浜市青葉区', '川崎市中原区', 'さいたま市浦和区', '札幌市中央区', '福岡市博多区', '名古屋市千種区', '神戸市灘区'];
const TOWNS = ['本町', '栄町', '旭町', '緑が丘', '桜台', '日吉', '元町', '錦', '天神', '三条通', '東山', '大手町'];
const BUILDINGS = ['', '', '', 'ハイツ桜 ', 'メゾン本町 ', 'グランドパレス ', 'コーポ緑 '];
const KINDS: readonly VisitKind[] = ['purchase', 'purchase', 'purchase', 'buy-in', 'appraisal', 'consultation', 'other'];

export interface BenchCustomer {
  fields: CustomerFields;
  visits: VisitFields[];
  /** Things to talk about at the next visit (a card's own field, not typed at capture). */
  talkAbout: string[];
  /** The owner's caution, rare. */
  caution?: string;
}

const DAY = 86_400_000;

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

function phoneFor(i: number, random: () => number): string {
  const eight = String((i * 7919 + Math.floor(random() * 7919)) % 100_000_000).padStart(8, '0');
  return random() < 0.8 ? `+81${pick(random, ['90', '80', '70'])}${eight}` : `+81${pick(random, ['3', '6'])}${eight}`;
}

/** One to three numbers: most have a mobile, many also a landline or a work number. */
function phonesFor(i: number, random: () => number): string[] {
  if (random() >= 0.85) return [];
  const phones = [phoneFor(i, random)];
  if (random() < 0.35) phones.push(phoneFor(i + 1_000_003, random));
  if (random() < 0.05) phones.push(phoneFor(i + 2_000_003, random));
  return [...new Set(phones)];
}

function addressFor(random: () => number): string {
  if (random() >= 0.7) return '';
  const number = `${1 + Math.floor(random() * 9)}-${1 + Math.floor(random() * 30)}-${1 + Math.floor(random() * 20)}`;
  const building = pick(random, BUILDINGS);
  const room = building ? `${1 + Math.floor(random() * 9)}0${1 + Math.floor(random() * 9)}号` : '';
  return `${pick(random, PREFECTURES)}${pick(random, CITIES)}${pick(random, TOWNS)}${number} ${building}${room}`.trim();
}

function memoFor(random: () => number): string {
  if (random() >= 0.6) return '';
  const parts = 1 + Math.floor(random() * 3);
  return Array.from({ length: parts }, () => pick(random, MEMO_PARTS)).join('');
}

function handlesFor(i: number, random: () => number): Handle[] {
  const handles: Handle[] = [];
  if (random() < 0.3) handles.push({ kind: 'line', value: `line_${(i * 2654435761) % 1e9}` });
  if (random() < 0.15) handles.push({ kind: 'instagram', value: `@shop_fan_${i}` });
  if (random() < 0.05) handles.push({ kind: 'x', value: `@collector${i}` });
  return handles;
}

function birthdayFor(random: () => number): string | undefined {
  if (random() >= 0.4) return undefined;
  const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
  const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
  return random() < 0.7 ? `${1940 + Math.floor(random() * 65)}-${month}-${day}` : `--${month}-${day}`;
}

function tagsFor(random: () => number): string[] {
  const r = random();
  const count = r < 0.35 ? 0 : r < 0.75 ? 1 : r < 0.93 ? 2 : 3 + Math.floor(random() * 2);
  return [...new Set(Array.from({ length: count }, () => pick(random, TAGS)))];
}

/** Visit counts with a long tail (about 6 on average): 1–2 for most, up to `maxVisits` for a few regulars. */
function visitCount(random: () => number, maxVisits: number): number {
  const r = random();
  if (r < 0.4) return 1;
  if (r < 0.65) return 2;
  if (r < 0.85) return 3 + Math.floor(random() * 4);
  if (r < 0.98) return 7 + Math.floor(random() * 14);
  return Math.min(maxVisits, 30 + Math.floor(random() * (maxVisits - 29)));
}

/**
 * `count` customers as a real shop holds them (a name and its reading, one to three phone numbers,
 * an address, LINE and Instagram handles, a birthday, tags, a memo of a sentence or a few, things to
 * talk about, now and then a caution) whose visits add up to about six each on average, generated
 * lazily so 200,000 customers never sit in memory at once.
 */
export function* benchCustomers(
  count: number,
  { seed = 20261125, now = Date.UTC(2026, 10, 1), maxVisits = 200 } = {},
): Generator<BenchCustomer> {
  const random = seededRandom(seed);
  for (let i = 0; i < count; i++) {
    const english = random() < 0.06;
    let name: string;
    let reading: string;
    if (english) {
      name = `${pick(random, ENGLISH_FIRST)} ${pick(random, ENGLISH_LAST)}`;
      reading = '';
    } else {
      const [sur, surReading] = pick(random, SURNAMES);
      const [given, givenReading] = pick(random, GIVEN);
      name = `${sur} ${given}`;
      reading = `${surReading} ${givenReading}`;
    }
    const phones = phonesFor(i, random);
    const email = random() < 0.4 ? `user${i}@example.jp` : '';
    const handles = handlesFor(i, random);
    const address = addressFor(random);
    const birthday = birthdayFor(random);
    const tags = tagsFor(random);
    const about = memoFor(random);
    const talkAbout = random() < 0.2 ? Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(random, TALK)) : [];
    const caution = random() < 0.005 ? '支払いトラブルあり。買取は店長が対応。' : undefined;
    const n = visitCount(random, maxVisits);
    // Gaps between visits, laid out backwards from a last visit within the past three years.
    const gaps = Array.from({ length: n }, () => Math.floor(1 + random() * 40) * DAY);
    let at = now - Math.floor(random() * 3 * 365) * DAY - gaps.reduce((sum, g) => sum + g, 0);
    const visits: VisitFields[] = [];
    for (let v = 0; v < n; v++) {
      at += gaps[v]!;
      visits.push({
        at,
        kind: pick(random, KINDS),
        amount: random() < 0.7 ? Math.floor(random() * 50) * 500 : undefined,
        note: random() < 0.6 ? pick(random, NOTES) : '',
      });
    }
    yield {
      fields: {
        name,
        reading,
        phones,
        email,
        handles,
        address,
        ...(birthday ? { birthday } : {}),
        tags,
        about,
      },
      visits,
      talkAbout: [...new Set(talkAbout)],
      ...(caution ? { caution } : {}),
    };
  }
}

/** 300 queries as staff type them: romaji, hiragana, katakana, name and phone-digit prefixes of 1–6 characters. */
export function benchQueries(seed = 7, count = 300): string[] {
  const random = seededRandom(seed);
  const queries: string[] = [];
  const toKatakana = (s: string) => s.replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
  for (let i = 0; i < count; i++) {
    const len = 1 + Math.floor(random() * 6);
    const [sur, surReading] = pick(random, SURNAMES);
    switch (i % 5) {
      case 0:
        queries.push(ROMAJI[surReading]!.slice(0, len));
        break;
      case 1:
        queries.push(surReading.slice(0, len));
        break;
      case 2:
        queries.push(toKatakana(surReading).slice(0, len));
        break;
      case 3:
        queries.push(sur.slice(0, Math.min(len, sur.length)));
        break;
      default:
        queries.push(pick(random, ['090', '080', '070', '03']).concat(String(Math.floor(random() * 1000))).slice(0, len));
    }
  }
  return queries;
}

/** Hepburn romaji of the surname readings, written out so the bench needs no converter. */
const ROMAJI: Record<string, string> = {
  さとう: 'satou', すずき: 'suzuki', たかはし: 'takahashi', たなか: 'tanaka', いとう: 'itou', わたなべ: 'watanabe',
  やまもと: 'yamamoto', なかむら: 'nakamura', こばやし: 'kobayashi', かとう: 'katou', よしだ: 'yoshida', やまだ: 'yamada',
  ささき: 'sasaki', やまぐち: 'yamaguchi', まつもと: 'matsumoto', いのうえ: 'inoue', きむら: 'kimura', はやし: 'hayashi',
  さいとう: 'saitou', しみず: 'shimizu', やまざき: 'yamazaki', もり: 'mori', いけだ: 'ikeda', はしもと: 'hashimoto',
  あべ: 'abe', いしかわ: 'ishikawa', やました: 'yamashita', なかじま: 'nakajima', いしい: 'ishii', おがわ: 'ogawa',
  まえだ: 'maeda', おかだ: 'okada', はせがわ: 'hasegawa', ふじた: 'fujita', ごとう: 'gotou', こんどう: 'kondou',
  むらかみ: 'murakami', えんどう: 'endou', あおき: 'aoki', さかもと: 'sakamoto', ふくだ: 'fukuda', おおた: 'oota',
  にしむら: 'nishimura', ふじい: 'fujii', かねこ: 'kaneko', おかもと: 'okamoto', ふじわら: 'fujiwara', なかの: 'nakano',
  みうら: 'miura', はらだ: 'harada', なかがわ: 'nakagawa', まつだ: 'matsuda', たけうち: 'takeuchi', おの: 'ono',
  たむら: 'tamura', なかやま: 'nakayama', わだ: 'wada', いしだ: 'ishida', もりた: 'morita', うえだ: 'ueda', はら: 'hara',
  うちだ: 'uchida', しばた: 'shibata', さかい: 'sakai', みやざき: 'miyazaki', よこやま: 'yokoyama', たかぎ: 'takagi',
  あんどう: 'andou', みやもと: 'miyamoto', おおの: 'oono', こじま: 'kojima', たにぐち: 'taniguchi', くどう: 'kudou',
  いまい: 'imai', たかだ: 'takada', ますだ: 'masuda', まるやま: 'maruyama', すぎやま: 'sugiyama', むらた: 'murata',
  おおつか: 'ootsuka', あらい: 'arai', こやま: 'koyama', ひらの: 'hirano', ふじもと: 'fujimoto', こうの: 'kouno',
  うえの: 'ueno', のぐち: 'noguchi', たけだ: 'takeda', まつい: 'matsui', ちば: 'chiba', いわさき: 'iwasaki',
  すがわら: 'sugawara', きのした: 'kinoshita', くぼ: 'kubo', さの: 'sano', のむら: 'nomura', まつお: 'matsuo',
  いちかわ: 'ichikawa', きくち: 'kikuchi',
};
