// `npm run bench`: builds the production app (plus a bench page on the same origin), serves it
// with the real server, and drives Debian's chromium through the app and its data layer, as a
// person at the counter meets it. Prints a table (a missed target in red), writes
// bench/results.json and, after a full run, the table in docs/performance.md. Figures only:
// nothing here passes or fails.
//
//   BENCH_CUSTOMERS=5000 npm run bench   a quick run (visits scale with customers)
//   BENCH_SIZES=10000,50000,200000       ledger sizes for search_p95_ms_by_size; the largest also
//                                        gives heap_mb_200k and the cold first result at that size
//   BENCH_SKIP_BUILD=1                   reuse build/bench-site and build/server
//   BENCH_ONLY=part,part                 only these parts: lighthouse, import, sync, data, ui, cold,
//                                        load (typing during an import and a sync pull), sizes
//   BENCH_SETTLE_MAX_S=120               how long each part waits for the machine to be at rest
//   BENCH_SYNC_OPS=100000                operations in the sync pull figures
//   BENCH_ROUNDS=3                       rounds of the import and the pull, each beside its raw baseline (medians compared)
//   BENCH_COLD_RUNS=5                    cold starts timed for first_result_cold_ms (after one that warms the disk)
//   BENCH_KEYSTROKES=120                 keystrokes timed for search paint (up to 300, the bench's queries)
//   BENCH_PROFILE=card | card-trace | search | search-trace | import | import-sync | cold | load | load-trace   a CPU profile (a trace) of that part
//   BENCH_PROFILE=lighthouse             a CPU profile of a start on the 5,000-card ledger at 4× slowdown
//   BENCH_PROFILE=heap                   a heap snapshot of the app at the largest ledger (sizes)
//   BENCH_SOURCEMAP=1                    source maps in build/bench-site, to read a profile's
//                                        functions by their names in src/ (the build is timed as it is)
//   BENCH_DEBUG=1                        log the app page's navigations and console messages
//   BENCH_DEBUG=idb                      also log the IndexedDB work in flight during each card open
//   BENCH_KEEP_REPORTS=1                 keep each Lighthouse report as bench/lighthouse-*.json (what
//                                        shifted, which tasks blocked)
//   BENCH_WRITE_DOCS=1                   write the docs table after a partial run too
//   BENCH_LEDGER_FIRST=1                 the parts on the main ledger before Lighthouse, import
//                                        and sync (figures are saved part by part in
//                                        bench/results.partial.json)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.mjs';
import { startBuiltServer } from '../scripts/built-server.mjs';
import { firstScreenJavaScript } from '../scripts/first-screen-js.mjs';
import { bulkAddBaseline, joinAndWait, joinShop, pairingCode, seedShop } from './sync-pull.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 50_000);
const SIZES = (process.env.BENCH_SIZES ?? `10000,${CUSTOMERS},200000`)
  .split(',')
  .map(Number)
  .filter((n, i, all) => n > 0 && all.indexOf(n) === i);
const LARGEST = Math.max(...SIZES);
const SYNC_OPS = Number(process.env.BENCH_SYNC_OPS ?? 100_000);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const LIGHTHOUSE_RUNS = 3;
const LIGHTHOUSE_LEDGER = 5_000;
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 5);
/** Keystrokes timed for search paint (the first 20 warm up): more for an A/B, whose p95 moves less. */
const KEYSTROKES = Math.min(300, Math.max(40, Number(process.env.BENCH_KEYSTROKES ?? 120)));
/** A reading many cards share: the cold start's typed query. */
const COLD_QUERY = 'やまもと';
const PARTS = ['lighthouse', 'import', 'sync', 'data', 'ui', 'cold', 'load', 'sizes'];
const only = process.env.BENCH_ONLY?.split(',').map((p) => p.trim()).filter(Boolean);
for (const part of only ?? []) if (!PARTS.includes(part)) throw new Error(`BENCH_ONLY: unknown part ${part} (${PARTS.join(', ')})`);
const runs = (part) => !only || only.includes(part);
const SETTLE_MAX_MS = Number(process.env.BENCH_SETTLE_MAX_S ?? 120) * 1000;
const results = { customers: CUSTOMERS };
const log = (message) => console.log(`[bench] ${message}`);
const startedAt = new Date();
const loadAtStart = os.loadavg();

function run(command, args, env = {}) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`);
}

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}
const round = (n, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * BENCH_PROFILE=card|search: a CPU profile of the card-open or search-paint runs (open it in chromium's DevTools, or
 * `node scripts/profile-summary.mjs bench/<name>.cpuprofile` for the heaviest functions).
 */
async function startProfiler(page, { continuous = true } = {}) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  const profiles = [];
  const start = () => cdp.send('Profiler.start');
  const pause = async () => profiles.push((await cdp.send('Profiler.stop')).profile);
  if (continuous) await start();
  return {
    /** Only the timed windows: start before one, pause after it. */
    start,
    pause,
    async stop(file) {
      if (continuous) await pause();
      await writeFile(file, JSON.stringify(profiles));
      log(`CPU profile written to ${path.relative(root, file)}`);
    },
  };
}

/** The browser's timeline for `page` in `categories`, gathered as it comes; `end()` gives its events. */
async function recordTrace(page, categories) {
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  await cdp.send('Tracing.start', { categories, transferMode: 'ReportEvents' });
  return {
    async end() {
      const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
      await cdp.send('Tracing.end');
      await done;
      return events;
    },
  };
}

/**
 * BENCH_PROFILE=card-trace: the browser's own timeline of the card-open runs (script, style,
 * layout, paint), summed by event on the page's main thread, for where native time goes.
 */
async function startTracing(page, { marks: [startMark, endMark] = ['card-open-start', 'card-open-end'], what = 'card opens' } = {}) {
  let trace;
  const windows = [];
  let from = 0;
  return {
    async start() {
      trace ??= await recordTrace(page, 'devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,blink.user_timing');
      from = await page.evaluate(() => performance.timeOrigin + performance.now());
    },
    async pause() {
      windows.push([from, await page.evaluate(() => performance.timeOrigin + performance.now())]);
    },
    async stop(file) {
      const events = await trace.end();
      await writeFile(file.replace(/\.cpuprofile$/, '.trace.json'), JSON.stringify(events));
      // The timed windows, by the marks the timed code leaves, on the renderer that left them.
      const marks = events.filter((e) => e.name === startMark || e.name === endMark);
      const starts = marks.filter((e) => e.name === startMark).map((e) => e.ts);
      const ends = marks.filter((e) => e.name === endMark).map((e) => e.ts);
      const pid = marks[0]?.pid;
      const inWindow = (ts) => starts.some((start, i) => ts >= start && ts <= (ends[i] ?? start));
      const totals = new Map();
      for (const e of events) {
        if (e.ph !== 'X' || e.pid !== pid || !inWindow(e.ts)) continue;
        totals.set(e.name, (totals.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
      }
      log(`main-thread events in ${starts.length} ${what} (ms, nested events overlap):`);
      for (const [name, ms] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
        log(`  ${ms.toFixed(1).padStart(9)}  ${name}`);
      }
    },
  };
}

/**
 * BENCH_PROFILE=load-trace: the browser's timeline while staff type during an import or a pull,
 * with the garbage collector's own events, and for each of the longest tasks the events that
 * filled it (garbage collection by kind and phase, style, layout, script), to tell the
 * collector's pauses from the page's own work.
 */
async function startTaskTracing(page) {
  const trace = await recordTrace(page, 'toplevel,devtools.timeline,disabled-by-default-v8.gc,blink.user_timing');
  return {
    async stop(file, longTasks) {
      const events = await trace.end();
      // Too large for one string: one event per line.
      const out = createWriteStream(file.replace(/\.json$/, '.jsonl'));
      for (const e of events) if (!out.write(JSON.stringify(e) + '\n')) await once(out, 'drain');
      await new Promise((resolve) => out.end(resolve));
      // The app page's main thread: of the renderers' main threads, the one with the most time
      // in long tasks (the bench's own page only waits meanwhile).
      const threadNames = new Map(
        events.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args.name]),
      );
      const longOn = new Map();
      for (const e of events) {
        const thread = `${e.pid}:${e.tid}`;
        if (e.ph !== 'X' || !/RunTask$/.test(e.name) || e.dur < 50_000 || threadNames.get(thread) !== 'CrRendererMain') continue;
        const long = longOn.get(thread) ?? { tasks: [], total: 0 };
        long.tasks.push(e);
        long.total += e.dur;
        longOn.set(thread, long);
      }
      const { tasks } = [...longOn.values()].sort((a, b) => b.total - a.total)[0] ?? { tasks: [] };
      log(`trace: ${events.length} events; ${tasks.length} tasks over 50 ms on the page's thread (${longTasks.length} long tasks seen by the page)`);
      for (const task of [...tasks].sort((a, b) => b.dur - a.dur).slice(0, 5)) {
        const inside = new Map();
        for (const e of events) {
          if (e.ph !== 'X' || e.tid !== task.tid || e.pid !== task.pid || e === task) continue;
          if (e.ts < task.ts || e.ts + (e.dur ?? 0) > task.ts + task.dur) continue;
          inside.set(e.name, (inside.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
        }
        const top = [...inside].sort((a, b) => b[1] - a[1]).slice(0, 12);
        log(`  task ${round(task.dur / 1000, 0)} ms (nested events overlap): ${top.map(([n, v]) => `${n} ${v.toFixed(1)}`).join(' | ')}`);
      }
    },
  };
}

/**
 * BENCH_DEBUG=idb: every IndexedDB transaction and request the app page makes, with when it
 * started and finished, so a slow card open shows what the database was busy with.
 */
function recordIndexedDb() {
  const log = (window.__idbLog = []);
  const caller = () => (new Error().stack ?? '').split('\n').slice(3, 7).map((l) => l.trim().replace(/^at /, '').replace(/https?:\/\/[^/]+\/assets\//, '')).join(' < ');
  const open = IDBFactory.prototype.open;
  IDBFactory.prototype.open = function (name, version) {
    const request = open.call(this, name, version);
    const entry = { kind: 'open', what: name, start: performance.now(), end: undefined, caller: caller() };
    log.push(entry);
    request.addEventListener('success', () => (entry.end = performance.now()));
    return request;
  };
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (stores, mode, options) {
    const tx = transaction.call(this, stores, mode, options);
    const entry = { kind: 'tx', what: `${mode ?? 'readonly'} ${[].concat(stores).join(',')}`, start: performance.now(), end: undefined, caller: caller() };
    log.push(entry);
    const done = () => (entry.end = performance.now());
    tx.addEventListener('complete', done);
    tx.addEventListener('abort', done);
    return tx;
  };
  for (const Type of [IDBObjectStore, IDBIndex]) {
    for (const method of ['get', 'getAll', 'getAllKeys', 'getKey', 'count', 'openCursor', 'openKeyCursor', 'put', 'add', 'delete']) {
      const original = Type.prototype[method];
      if (!original) continue;
      Type.prototype[method] = function (...args) {
        const request = original.apply(this, args);
        const entry = { kind: 'req', what: `${method} ${this.name}`, start: performance.now(), end: undefined };
        log.push(entry);
        // A cursor fires success once per step: the last one is its end.
        request.addEventListener('success', () => (entry.end = performance.now()));
        return request;
      };
    }
  }
}

async function logIndexedDb(page, ms) {
  const lines = await page.evaluate((ms) => {
    const opened = performance.getEntriesByName('card-open-start').at(-1).startTime;
    const relevant = window.__idbLog.filter((e) => e.start >= opened - 3000 && (e.end ?? Infinity) >= opened && e.start <= opened + ms);
    window.__idbLog.length = 0;
    const at = (t) => (t === undefined ? '   open' : (t - opened).toFixed(0).padStart(7));
    return relevant.map((e) => `${at(e.start)} → ${at(e.end)}  ${e.kind} ${e.what}${e.caller ? '  ' + e.caller : ''}`);
  }, ms);
  log(`card open ${ms.toFixed(0)} ms; IndexedDB work in flight (ms from the tap):`);
  for (const line of lines.slice(0, 60)) log('  ' + line);
}

// ---------------------------------------------------------------------------------------------
// The machine, the browser and the pages
// ---------------------------------------------------------------------------------------------

/** Fraction of the last second both cores spent idle (Linux's /proc/stat), or undefined elsewhere. */
async function idleShare() {
  const read = async () => {
    const fields = (await readFile('/proc/stat', 'utf8'))
      .split('\n')[0]
      .trim()
      .split(/\s+/)
      .slice(1);
    const ticks = fields.map(Number);
    return { total: ticks.reduce((a, b) => a + b, 0), idle: ticks[3] + ticks[4] };
  };
  try {
    const before = await read();
    await new Promise((r) => setTimeout(r, 1000));
    const after = await read();
    return (after.idle - before.idle) / (after.total - before.total);
  } catch {
    return undefined;
  }
}

/** Parts that began on a machine that never came to rest: their figures were taken under load. */
const underLoad = [];

/**
 * Waits (two minutes at most) until the machine has been nearly idle for two seconds in a row.
 * After a large write IndexedDB goes on compacting in the background for a while; a shop's
 * ledger, written over months, is at rest when someone searches it, and so is the bench's.
 */
async function settle(what) {
  const started = Date.now();
  let quietSeconds = 0;
  while (quietSeconds < 2 && Date.now() - started < SETTLE_MAX_MS) {
    const idle = await idleShare();
    if (idle === undefined) return;
    quietSeconds = idle > 0.9 ? quietSeconds + 1 : 0;
  }
  const seconds = round((Date.now() - started) / 1000, 0);
  if (quietSeconds < 2) {
    underLoad.push(what);
    log(`${what}: the machine did not come to rest in ${seconds} s (figures taken under load)`);
  } else log(`${what}: machine at rest after ${seconds} s`);
}

const LAUNCH = {
  executablePath: CHROMIUM_PATH,
  headless: true,
  viewport: { width: 1024, height: 768 },
  locale: 'en-US',
  args: [...CHROMIUM_ARGS, '--enable-precise-memory-info'],
};

/**
 * A browser of its own on a profile of its own (its own IndexedDB and service worker); `close`
 * keeps the profile for a later launch (a cold start), `dispose` closes and deletes it.
 */
async function launchBrowser(profile) {
  const dir = profile ?? (await mkdtemp(path.join(os.tmpdir(), 'daifuku-bench-profile-')));
  const context = await chromium.launchPersistentContext(dir, { ...LAUNCH, baseURL: server.baseURL });
  context.setDefaultTimeout(120_000);
  await context.addInitScript(installAfterPaint);
  return {
    context,
    profile: dir,
    close: () => context.close(),
    async dispose() {
      await context.close().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The bench page (the app's data layer on the app's origin) and a way to call its functions. */
async function openBenchPage(context) {
  const benchPage = await context.newPage();
  benchPage.on('pageerror', (e) => console.error('[bench page error]', e.message));
  await benchPage.goto('/bench/bench.html');
  await benchPage.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
  const bench = (name, ...args) => benchPage.evaluate(([n, a]) => window.daifukuBench[n](...a), [name, args]);
  return { benchPage, bench };
}

/** Long tasks on an app page's thread, from its start ([start, duration] in ms). */
function recordLongTasks() {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push([entry.startTime, entry.duration]);
  }).observe({ type: 'longtask', buffered: true });
}

/** An app page of `context` with the bench's instruments, opened at `/` (or `url`). */
async function openAppPage(context, url = '/') {
  const page = await context.newPage();
  if (process.env.BENCH_DEBUG) {
    page.on('framenavigated', (f) => f === page.mainFrame() && log('navigated: ' + f.url()));
    page.on('console', (m) => log('console: ' + m.text()));
  }
  page.on('pageerror', (e) => console.error('[app page error]', e.message));
  await page.goto(url);
  return page;
}

const indexReadyMark = () => performance.getEntriesByName('daifuku:search-index-ready')[0]?.startTime;

/** Waits until the app page's search index is read (its code marks the moment). */
async function waitForSearchIndex(page) {
  await page.waitForFunction(indexReadyMark, undefined, { timeout: 10 * 60_000 });
}

/**
 * Installed in every app page before its own script (an init script, which the page's
 * Content-Security-Policy does not govern): `window.__afterPaint()` resolves `performance.now()`
 * once the frame after now has been painted: a frame callback, then a task (a message), which
 * runs only after that frame's paint. A figure ending here includes the frame the person sees,
 * not only the script before it.
 */
function installAfterPaint() {
  window.__afterPaint = () =>
    new Promise((resolve) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now());
        channel.port2.postMessage(0);
      }),
    );
}

/**
 * Installs `window.__prepareKeystroke(before, after)` in an app page on the search screen. It puts
 * `before` in the box, waits for its results (or, for an empty box, the customer list) at rest,
 * then times the next keystroke: from its own timestamp (event.timeStamp of keydown, or
 * beforeinput/input for kana, which the keyboard sends as text) until the frame that shows the
 * results for `after` has been painted. `window.__keystroke` resolves with the times.
 */
async function installKeystrokeTimer(page) {
  await page.evaluate(() => {
    const input = document.querySelector('input[type="search"]');
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    // Resolves as soon as an element matching `selector` is in the page.
    const appears = (selector) =>
      new Promise((resolve) => {
        if (document.querySelector(selector)) return resolve();
        const observer = new MutationObserver(() => {
          if (document.querySelector(selector)) {
            observer.disconnect();
            resolve();
          }
        });
        observer.observe(document.body, { subtree: true, childList: true, attributes: true });
      });
    const settle = (query) => appears(`[data-results-for="${CSS.escape(query)}"]`);
    const listShown = () => appears('ul.results--virtual a.result__link');
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    window.__prepareKeystroke = async (before, after) => {
      setValue.call(input, before);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      // The screen is at rest before the keystroke, as at the counter: the results for the
      // first characters are shown, or, for an empty box, the customer list with its rows.
      if (before) await settle(before);
      else await listShown();
      await frame();
      await frame();
      input.focus();
      window.__keystroke = new Promise((resolve) => {
        let t0;
        let firstFrame;
        const types = ['keydown', 'beforeinput', 'input'];
        const onFirst = (event) => {
          for (const type of types) input.removeEventListener(type, onFirst, true);
          t0 = event.timeStamp;
          performance.mark('keystroke-start');
          // The first frame to begin after the keystroke: painted in it, or later.
          firstFrame = frame();
          void settle(after).then(async () => {
            const updated = performance.now() - t0;
            let paintedFrame;
            void frame().then((t) => (paintedFrame = t));
            const end = await window.__afterPaint();
            const frameAt = await firstFrame;
            performance.mark('keystroke-end');
            // frameAt - t0: the wait for the display's next frame, whatever the app does.
            resolve({ painted: end - t0, updated, nextFrame: paintedFrame === frameAt, frameWait: frameAt - t0 });
          });
        };
        for (const type of types) input.addEventListener(type, onFirst, true);
      });
    };
  });
}

/**
 * Types `queries` into the search box of `page`, one timed keystroke each (the last character),
 * as long as `keepGoing()` says; returns the times.
 */
async function timeKeystrokes(page, queries, keepGoing = async () => true) {
  const times = { painted: [], updated: [], nextFrame: [], frameWait: [] };
  // A person's keystroke lands anywhere in a frame: each waits a different fraction of one
  // (fixed sequence) after the screen came to rest, rather than just after a frame began.
  let phase = 0;
  for (let i = 0; await keepGoing(i); i++) {
    const query = queries[i % queries.length];
    if (query.length < 1) continue;
    await page.evaluate(([a, b]) => window.__prepareKeystroke(a, b), [query.slice(0, -1), query]);
    phase = (phase + 0.618034) % 1;
    await new Promise((r) => setTimeout(r, phase * 16.7));
    await page.keyboard.type(query.slice(-1));
    const { painted, updated, nextFrame, frameWait } = await page.evaluate(() => window.__keystroke);
    times.painted.push(painted);
    times.updated.push(updated);
    times.nextFrame.push(nextFrame);
    times.frameWait.push(frameWait);
  }
  return times;
}

/** Every long task on `page`'s thread since `from` (ms on its clock), as [start, duration]. */
async function longTasksSince(page, from) {
  return page.evaluate((from) => window.__longTasks.filter(([start]) => start >= from), from);
}

/** The JS heap of each page (those sharing one renderer's heap counted once), after garbage collection. */
/**
 * BENCH_PROFILE=heap: the heap of the app at the largest ledger, as chromium's DevTools open it
 * (`node scripts/heap-summary.mjs bench/heap.heapsnapshot` for what holds the memory).
 */
async function writeHeapSnapshot(page, file) {
  const cdp = await page.context().newCDPSession(page);
  const chunks = [];
  cdp.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => chunks.push(chunk));
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  await cdp.detach();
  await writeFile(file, chunks.join(''));
  log(`heap snapshot written to ${path.relative(root, file)}`);
}

async function heapOf(context, pages) {
  const seen = new Map();
  for (const page of pages) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const { id } = await cdp.send('Runtime.getIsolateId');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    seen.set(id, usedSize);
    await cdp.detach();
  }
  return round([...seen.values()].reduce((a, b) => a + b, 0) / 1024 / 1024, 1);
}

/** Scrolls the customer list in 50音 order from the top to its last row. */
async function scrollWholeList(page) {
  await page.getByRole('button', { name: /By reading/ }).click();
  await page.locator('ul.results--virtual li').first().waitFor();
  // The list's first rows come from the database while its whole order is made; scrolled before
  // that, the list ended at its first hundred rows (a run of the fifteenth session did).
  const t0 = Date.now();
  await page.waitForFunction(() => !document.querySelector('.list-header__pending'), undefined, { timeout: 60_000 });
  log(`the whole list shown ${Date.now() - t0} ms after it was asked for`);
  return page.evaluate(async () => {
    const scroller = document.scrollingElement;
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    // At most 600 steps of two frames, however long the list.
    const step = Math.max(innerHeight * 8, scroller.scrollHeight / 600);
    let steps = 0;
    while (scroller.scrollTop + innerHeight < scroller.scrollHeight - 2 && steps < 5000) {
      scroller.scrollTop += step;
      await frame();
      await frame();
      steps++;
    }
    const last = document.querySelector('ul.results--virtual li:last-child');
    return { steps, lastRow: last?.getAttribute('aria-posinset'), rows: last?.getAttribute('aria-setsize') };
  });
}

/**
 * Emulates the operating system hiding a tab (another tab brought to the front): headless
 * chromium reports every page as visible, so the page is told as a browser would tell it.
 */
async function hideTab(page) {
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

// ---------------------------------------------------------------------------------------------
// Lighthouse on the production build: an empty ledger (its own chromium, fresh profile each run)
// and a ledger of 5,000 customers (a profile seeded beforehand, kept between runs)
// ---------------------------------------------------------------------------------------------

/** The median of three Lighthouse runs (Lighthouse's own docs recommend several), under `prefix`. */
async function measureLighthouse(prefix, profile) {
  const reports = [];
  for (let i = 0; i < LIGHTHOUSE_RUNS; i++) {
    log(`running Lighthouse${profile ? ` on ${LIGHTHOUSE_LEDGER} customers` : ''} (${i + 1} of ${LIGHTHOUSE_RUNS})`);
    const report = await lighthouseReport(profile);
    if (report) reports.push(report);
    if (report && process.env.BENCH_KEEP_REPORTS) {
      await writeFile(path.join(root, `bench/${prefix}-${i + 1}.json`), JSON.stringify(report));
    }
  }
  if (reports.length === 0) {
    log('Lighthouse did not finish; its scores are missing from this run');
    return;
  }
  reports.sort((a, b) => a.categories.performance.score - b.categories.performance.score);
  const report = reports[Math.floor(reports.length / 2)];
  results[`${prefix}_performance`] = report.categories.performance.score;
  results[`${prefix}_accessibility`] = Math.min(...reports.map((r) => r.categories.accessibility.score));
  results[`${prefix}_performance_runs`] = reports.map((r) => r.categories.performance.score);
  const failing = Object.values(report.audits)
    .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode === 'binary')
    .map((a) => a.id);
  if (failing.length) log(`Lighthouse audits below 0.9: ${failing.join(', ')}`);
  const metric = (id) => report.audits[id]?.displayValue ?? '?';
  log(
    `Lighthouse (median run): FCP ${metric('first-contentful-paint')}, LCP ${metric('largest-contentful-paint')}, ` +
      `TBT ${metric('total-blocking-time')}, CLS ${metric('cumulative-layout-shift')}, SI ${metric('speed-index')}`,
  );
}

async function lighthouseReport(profile) {
  const reportPath = path.join(os.tmpdir(), `daifuku-lighthouse-${process.pid}.json`);
  const chromeFlags = ['--headless=new', ...CHROMIUM_ARGS, ...(profile ? [`--user-data-dir=${profile}`] : [])];
  const lighthouse = spawnSync(
    path.join(root, 'node_modules/.bin/lighthouse'),
    [
      `${server.baseURL}/`,
      '--quiet',
      '--only-categories=performance,accessibility',
      '--output=json',
      `--output-path=${reportPath}`,
      `--chrome-flags=${chromeFlags.join(' ')}`,
      // The seeded profile's ledger (and its service worker) stay, as on the shop's tablet.
      ...(profile ? ['--disable-storage-reset'] : []),
    ],
    {
      cwd: root,
      env: { ...process.env, CHROME_PATH: CHROMIUM_PATH },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  if (lighthouse.status !== 0) return undefined;
  const report = JSON.parse(await readFile(reportPath, 'utf8'));
  await rm(reportPath, { force: true });
  return report;
}

/**
 * BENCH_PROFILE=lighthouse: a CPU profile of the app starting on the 5,000-card ledger with the
 * CPU slowed down 4× as Lighthouse slows it, for which tasks block.
 */
async function profileStart(context, file) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push([Math.round(e.startTime), Math.round(e.duration)]);
    }).observe({ type: 'longtask', buffered: true });
  });
  const profiler = await startProfiler(page);
  await page.goto('/');
  await page.waitForTimeout(8000);
  await profiler.stop(path.join(root, file));
  const tasks = await page.evaluate(() => window.__longTasks);
  log(`long tasks at 4× (start ms: duration ms): ${tasks.map(([at, ms]) => `${at}:${ms}`).join('  ')}`);
  await page.close();
}

async function measureLighthouseParts() {
  // Profiling a start replaces the runs (a profiler running would slow them).
  const profiling = process.env.BENCH_PROFILE === 'lighthouse';
  await settle('before Lighthouse');
  if (!profiling) await measureLighthouse('lighthouse');
  // A tablet that has used the app: 5,000 customers with their visits, the app opened once.
  const seeded = await launchBrowser();
  try {
    const { bench } = await openBenchPage(seeded.context);
    await bench('seed', LIGHTHOUSE_LEDGER, { withVisits: true });
    const app = await openAppPage(seeded.context);
    await app.waitForFunction(async () => (await navigator.serviceWorker.ready).active?.state === 'activated');
    await waitForSearchIndex(app);
    await app.waitForTimeout(3000);
    if (profiling) await profileStart(seeded.context, 'bench/start-5k.cpuprofile');
    await seeded.close();
    await settle('before Lighthouse on a ledger');
    if (!profiling) await measureLighthouse('lighthouse_5k', seeded.profile);
  } finally {
    await seeded.dispose();
  }
}

// ---------------------------------------------------------------------------------------------
// CSV import: the app's import against a raw bulkAdd of the same rows
// ---------------------------------------------------------------------------------------------

async function measureImport() {
  const browser = await launchBrowser();
  try {
    const { benchPage, bench } = await openBenchPage(browser.context);
    log(`importing a ${CUSTOMERS}-row CSV, ${ROUNDS} rounds`);
    // The app's import, its raw baseline and the import with sync on take turns, round after
    // round, each from rest: a shared machine's slow minute then falls on all three, and the
    // medians are compared (every round is kept in the results).
    const runs = { app: [], baseline: [], sync: [] };
    let imported;
    for (let turn = 0; turn < ROUNDS; turn++) {
      const profiler = turn === 0 && process.env.BENCH_PROFILE === 'import' ? await startProfiler(benchPage) : undefined;
      // Each starts at rest, not while IndexedDB compacts what the one before wrote.
      await settle('before the import');
      imported = await bench('importApp', CUSTOMERS);
      if (profiler) await profiler.stop(path.join(root, 'bench/import.cpuprofile'));
      runs.app.push(imported.ms);
      await settle('before the raw bulkAdd');
      runs.baseline.push((await bench('importBaseline', CUSTOMERS)).ms);
      await settle('before the import with sync on');
      const syncProfiler = turn === 0 && process.env.BENCH_PROFILE === 'import-sync' ? await startProfiler(benchPage) : undefined;
      runs.sync.push((await bench('importApp', CUSTOMERS, { sync: true })).ms);
      if (syncProfiler) await syncProfiler.stop(path.join(root, 'bench/import-sync.cpuprofile'));
      log(`import round ${turn + 1}: ${round(runs.app.at(-1), 0)} ms, baseline ${round(runs.baseline.at(-1), 0)} ms, with sync ${round(runs.sync.at(-1), 0)} ms`);
    }
    await settle('before the schema floor');
    const floor = await bench('importSchemaFloor', CUSTOMERS);
    results.import_ms = round(percentile(runs.app, 50), 0);
    results.import_baseline_ms = round(percentile(runs.baseline, 50), 0);
    results.import_sync_ms = round(percentile(runs.sync, 50), 0);
    results.import_ms_runs = runs.app.map((ms) => round(ms, 0));
    results.import_baseline_ms_runs = runs.baseline.map((ms) => round(ms, 0));
    results.import_sync_ms_runs = runs.sync.map((ms) => round(ms, 0));
    results.import_schema_floor_ms = round(floor.ms, 0);
    results.import_rows = imported.imported;
    await settle('before the upgrade');
    results.upgrade_from_v5_ms = round((await bench('upgradeFrom', 5, CUSTOMERS)).ms, 0);
    await settle('before the upgrade from version 6');
    results.upgrade_from_v6_ms = round((await bench('upgradeFrom', 6, CUSTOMERS)).ms, 0);
  } finally {
    await browser.dispose();
  }
}

// ---------------------------------------------------------------------------------------------
// Sync: a device joining a shop whose server holds SYNC_OPS operations
// ---------------------------------------------------------------------------------------------

let shop;
async function syncShop() {
  if (!shop) {
    log(`seeding the sync server with ${SYNC_OPS} operations`);
    shop = await seedShop(server.baseURL, SYNC_OPS);
  }
  return shop;
}

async function measureSyncPull() {
  const { token } = await syncShop();
  // As the import: a new device joins the shop and pulls, then its baseline runs, round after round.
  const runs = { app: [], baseline: [] };
  for (let turn = 0; turn < ROUNDS; turn++) {
    await settle('before the sync pull');
    const browser = await launchBrowser();
    try {
      const page = await openAppPage(browser.context);
      const profiler = turn === 0 && process.env.BENCH_PROFILE === 'sync' ? await startProfiler(page) : undefined;
      const ms = await joinAndWait(page, await pairingCode(server.baseURL, token));
      if (profiler) await profiler.stop(path.join(root, 'bench/sync-pull.cpuprofile'));
      await settle('before the sync baseline');
      const baseline = await bulkAddBaseline(page);
      if (baseline.rows !== SYNC_OPS) throw new Error(`expected ${SYNC_OPS} rows after the pull, found ${baseline.rows}`);
      runs.app.push(ms);
      runs.baseline.push(baseline.ms);
      log(`sync pull round ${turn + 1}: ${round(ms, 0)} ms, baseline ${round(baseline.ms, 0)} ms`);
    } finally {
      await browser.dispose();
    }
  }
  results.sync_pull_ms = round(percentile(runs.app, 50), 0);
  results.sync_pull_baseline_ms = round(percentile(runs.baseline, 50), 0);
  results.sync_pull_ms_runs = runs.app.map((ms) => round(ms, 0));
  results.sync_pull_baseline_ms_runs = runs.baseline.map((ms) => round(ms, 0));
  results.sync_pull_ops = SYNC_OPS;
}

// ---------------------------------------------------------------------------------------------
// The data layer at the main size
// ---------------------------------------------------------------------------------------------

async function measureDataLayer(bench, queries) {
  await bench('prepareBaselineSearch');
  await bench('searchAppAndBaseline', queries.slice(0, 30)); // warm-up: JIT, IndexedDB caches
  const search = await bench('searchAppAndBaseline', queries);
  results.search_p95_ms = round(percentile(search.app, 95));
  results.search_median_ms = round(percentile(search.app, 50));
  results.search_baseline_p95_ms = round(percentile(search.baseline, 95));

  await bench('noteSaveAppAndBaseline', 20);
  const notes = await bench('noteSaveAppAndBaseline', 200);
  results.note_save_p95_ms = round(percentile(notes.app, 95));
  results.note_save_baseline_p95_ms = round(percentile(notes.baseline, 95));

  // The same with sync switched on (outbox and field clocks written with every save), each save
  // timed in turn with the raw baseline again.
  await bench('setSyncCapture', true);
  await bench('noteSaveAppAndBaseline', 20);
  const synced = await bench('noteSaveAppAndBaseline', 200);
  await bench('setSyncCapture', false);
  results.note_save_sync_p95_ms = round(percentile(synced.app, 95));
  results.note_save_sync_baseline_p95_ms = round(percentile(synced.baseline, 95));

  const review = await bench('reviewBusyDay');
  results.review_ms = round(percentile(review.times, 50));
  results.review_day_visits = review.visits;

  const insights = await bench('insightsOfLedger');
  // What the owner waits for: the screen shows the figures from the cards and follow-ups first.
  results.insights_ms = round(percentile(insights.relationships, 50));
  results.insights_money_ms = round(percentile(insights.money, 50));
  results.insights_all_ms = round(percentile(insights.all, 50));
  results.insights_customers_in_period = insights.customersInPeriod;
  results.insights_visits_in_period = insights.visitsInPeriod;
  log(
    `insights: first figures ${results.insights_ms} ms, money ${results.insights_money_ms} ms, all ${results.insights_all_ms} ms (medians) over ${insights.customersInPeriod} customers and ${insights.visitsInPeriod} visits of the last 12 months, ${insights.referralTrees} referral trees, deepest ${insights.deepest}; reads alone (ms): ${JSON.stringify(insights.parts)}`,
  );
}

// ---------------------------------------------------------------------------------------------
// The real UI at the main size
// ---------------------------------------------------------------------------------------------

async function measureUi(context, queries, cards) {
  log('measuring the app in the browser');
  if (process.env.BENCH_DEBUG === 'idb') await context.addInitScript(recordIndexedDb);
  const page = await openAppPage(context);
  await page.waitForFunction(async () => (await navigator.serviceWorker.ready).active?.state === 'activated');
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  // A new tab of the running browser: the search box on screen, then the search index read.
  const coldStarts = [];
  const indexReady = [];
  for (let i = 0; i < 7; i++) {
    const fresh = await context.newPage();
    await fresh.goto('/');
    await fresh.waitForFunction(() => window.__searchReadyAt !== undefined);
    const at = await fresh.evaluate(() => window.__searchReadyAt);
    await waitForSearchIndex(fresh);
    const ready = await fresh.evaluate(indexReadyMark);
    if (i > 1) {
      // the first two warm the disk cache after seeding
      coldStarts.push(at);
      indexReady.push(ready);
    }
    await fresh.close();
  }
  results.cold_start_ms = round(percentile(coldStarts, 50), 1);
  // From navigation until the search index is ready in a new tab: a search typed before this
  // waits for it (the box is usable from cold_start_ms).
  results.search_index_ready_ms = round(percentile(indexReady, 50), 0);

  await waitForSearchIndex(page);
  await installKeystrokeTimer(page);
  const searchProfiler =
    process.env.BENCH_PROFILE === 'search'
      ? await startProfiler(page)
      : process.env.BENCH_PROFILE === 'search-trace'
        ? await startTracing(page, { marks: ['keystroke-start', 'keystroke-end'], what: 'keystrokes' })
        : undefined;
  if (process.env.BENCH_PROFILE === 'search-trace') await searchProfiler.start();
  const typed = await timeKeystrokes(page, queries.slice(0, KEYSTROKES), async (i) => i < KEYSTROKES);
  const FRAME_MS = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const stamps = [];
        const tick = (t) => {
          stamps.push(t);
          if (stamps.length < 31) requestAnimationFrame(tick);
          else resolve((stamps[30] - stamps[0]) / 30);
        };
        requestAnimationFrame(tick);
      }),
  );
  results.frame_ms = round(FRAME_MS);
  // The first 20 keystrokes warm up (JIT, the first renders of result rows).
  results.search_paint_p95_ms = round(percentile(typed.painted.slice(20), 95));
  results.search_paint_median_ms = round(percentile(typed.painted.slice(20), 50));
  results.search_update_p95_ms = round(percentile(typed.updated.slice(20), 95));
  const measured = typed.nextFrame.slice(20);
  results.search_paint_next_frame_pct = round((100 * measured.filter(Boolean).length) / measured.length, 0);
  // The part of each search paint that is the wait for the display's next frame to begin (60 Hz:
  // up to 16.7 ms, by where in a frame the key lands), and the part from then until painted.
  results.search_paint_frame_wait_p95_ms = round(percentile(typed.frameWait.slice(20), 95));
  results.search_paint_after_frame_start_p95_ms = round(
    percentile(typed.painted.slice(20).map((painted, i) => painted - typed.frameWait[20 + i]), 95),
  );
  if (searchProfiler) await searchProfiler.stop(path.join(root, 'bench/search-paint.cpuprofile'));

  // From tapping a result to the card with its timeline painted.
  const profiler =
    process.env.BENCH_PROFILE === 'card'
      ? await startProfiler(page, { continuous: false })
      : process.env.BENCH_PROFILE === 'card-trace'
        ? await startTracing(page)
        : undefined;
  // The app stays open all day at the counter: each card is opened from the search screen of
  // the running app (back to Customers, the name typed), once that screen is at rest. A few
  // cards are opened first to warm up; every card after them counts, the busiest regulars first.
  // The day has begun: the ledger has been read into memory (a card opened in the first seconds
  // after a start shares the thread with that read; the cold start figures time those seconds).
  await page.goto('/');
  await waitForSearchIndex(page);
  const openCard = async (target, timed) => {
    await page.getByRole('link', { name: 'Customers', exact: true }).click();
    await page.getByRole('searchbox', { name: 'Search customers', exact: true }).fill(target.lookup);
    const link = page.locator(`a[href="/customers/${target.id}"]`);
    // A shared name can rank the card below the rows on screen (only those are in the page).
    for (let i = 0; i < 40 && !(await link.count()); i++) {
      await page.mouse.wheel(0, 400);
      await page.waitForTimeout(50);
    }
    await link.waitFor();
    await page.evaluate(() => new Promise((r) => requestIdleCallback(() => r(), { timeout: 2000 })));
    if (timed) await profiler?.start();
    const ms = await link.evaluate(
      (a, visits) =>
        new Promise((resolve) => {
          const t0 = performance.now();
          performance.mark('card-open-start');
          const ready = () => {
            const list = document.querySelector('ol.timeline__list');
            return document.getElementById('customer-name') && list && list.children.length >= Math.min(visits, 1);
          };
          const observer = new MutationObserver(() => {
            if (!ready()) return;
            observer.disconnect();
            void window.__afterPaint().then((end) => {
              performance.mark('card-open-end');
              resolve(end - t0);
            });
          });
          observer.observe(document.body, { subtree: true, childList: true });
          a.click();
        }),
      target.visits,
    );
    if (timed) await profiler?.pause();
    if (timed && process.env.BENCH_DEBUG === 'idb') await logIndexedDb(page, ms);
    return ms;
  };
  for (const target of cards.warmup) await openCard(target, false);
  const cardTimes = [];
  for (const target of cards.targets) cardTimes.push(await openCard(target, true));
  results.card_open_p95_ms = round(percentile(cardTimes, 95));
  results.card_open_median_ms = round(percentile(cardTimes, 50));
  results.card_open_max_visits = Math.max(...cards.targets.map((t) => t.visits));
  results.card_open_busiest_ms = round(Math.max(...cardTimes.slice(0, 5)), 1);
  if (profiler) await profiler.stop(path.join(root, 'bench/card-open.cpuprofile'));

  // Heap after searching and going through the whole (virtual) customer list, top to bottom.
  await page.goto('/');
  await waitForSearchIndex(page);
  const scrolled = await scrollWholeList(page);
  results.list_scrolled_to_row = Number(scrolled.lastRow);
  results.heap_mb = await heapOf(context, [page]);
  await page.close();
}

// ---------------------------------------------------------------------------------------------
// The first search result from a cold start: a new browser process on the profile that holds
// the ledger, its service worker controlling, from navigation to the first result painted
// ---------------------------------------------------------------------------------------------

async function measureColdFirstResult(profile, expected) {
  const times = [];
  let controlled = 0;
  const profiler = process.env.BENCH_PROFILE === 'cold';
  for (let i = 0; i <= COLD_RUNS; i++) {
    const context = await chromium.launchPersistentContext(profile, { ...LAUNCH, baseURL: server.baseURL });
    context.setDefaultTimeout(120_000);
    await context.addInitScript(installAfterPaint);
    await context.addInitScript(markSearchBox);
    if (process.env.BENCH_DEBUG === 'idb') await context.addInitScript(recordIndexedDb);
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      page.on('pageerror', (e) => console.error('[app page error]', e.message));
      const cdp = profiler && i === COLD_RUNS ? await context.newCDPSession(page) : undefined;
      if (cdp) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
        await cdp.send('Profiler.start');
      }
      await page.goto('/', { waitUntil: 'commit' });
      // Tapped and typed in as soon as the box is painted, as by a person already waiting with
      // the name: a tap and keys as the device delivers them. The locator's wait and `fill` had
      // put 200–500 ms of the bench's own polling and checks into this figure (their retries
      // wait up to 500 ms, and each check waits for the busy page).
      const at = await page.waitForFunction(
        () => {
          if (window.__searchReadyAt === undefined) return undefined;
          const box = document.querySelector('input[type="search"]')?.getBoundingClientRect();
          return box && { x: box.x + box.width / 2, y: box.y + box.height / 2 };
        },
        undefined,
        { polling: 'raf' },
      );
      const { x, y } = await at.jsonValue();
      await page.mouse.click(x, y);
      // The name as an input method commits it, the last character as a key press.
      await page.keyboard.insertText(COLD_QUERY.slice(0, -1));
      await page.keyboard.type(COLD_QUERY.slice(-1));
      const ms = await page.evaluate(
        ([query, id]) =>
          new Promise((resolve) => {
            const first = `[data-results-for="${CSS.escape(query)}"] li[aria-posinset="1"] a[href="/customers/${id}"]`;
            const done = () => void window.__afterPaint().then(resolve);
            if (document.querySelector(first)) return done();
            const observer = new MutationObserver(() => {
              if (!document.querySelector(first)) return;
              observer.disconnect();
              done();
            });
            observer.observe(document.body, { subtree: true, childList: true, attributes: true });
            // A first result other than the expected card would otherwise wait for ever.
            setTimeout(() => resolve(NaN), 120_000);
          }),
        [COLD_QUERY, expected.id],
      );
      if (cdp) {
        const { profile: cpu } = await cdp.send('Profiler.stop');
        await writeFile(path.join(root, 'bench/cold-first-result.cpuprofile'), JSON.stringify([cpu]));
        log('CPU profile written to bench/cold-first-result.cpuprofile');
      }
      if (await page.evaluate(() => navigator.serviceWorker.controller !== null)) controlled++;
      const phases = await page.evaluate(() => {
        const at = (name) => Math.round(performance.getEntriesByName(name)[0]?.startTime ?? NaN);
        const unusable = performance.getEntriesByName('daifuku:search-snapshot-unusable')[0]?.detail;
        return { box: Math.round(window.__searchReadyAt ?? NaN), typed: Math.round(window.__typedAt ?? NaN), snapshot: at('daifuku:search-snapshot-answered'), index: at('daifuku:search-index-ready'), unusable };
      });
      log(
        `cold start ${i}: first result painted at ${round(ms, 0)} ms (search box ${phases.box}, first typed ${phases.typed}, answered from the snapshot ${phases.snapshot}, ` +
          `index read ${phases.index}${phases.unusable ? `; snapshot not used: ${phases.unusable}` : ''})`,
      );
      if (process.env.BENCH_DEBUG === 'idb' && i === COLD_RUNS) {
        const lines = await page.evaluate((until) => {
          const at = (t) => (t === undefined ? '   open' : t.toFixed(0).padStart(7));
          const scripts = performance
            .getEntriesByType('resource')
            .filter((e) => e.startTime <= until && e.name.endsWith('.js'))
            .map((e) => `${at(e.startTime)} → ${at(e.responseEnd)}  script ${new URL(e.name).pathname}`);
          const idb = window.__idbLog
            .filter((e) => e.kind !== 'req' && e.start <= until)
            .map((e) => `${at(e.start)} → ${at(e.end)}  ${e.kind} ${e.what}  ${e.caller}`);
          return [...scripts, ...idb].sort((a, b) => parseFloat(a) - parseFloat(b));
        }, ms);
        log('IndexedDB transactions and scripts before the first result (ms from navigation):');
        for (const line of lines.slice(0, 120)) log('  ' + line);
      }
      // The first launch after the ledger was written warms the disk cache.
      if (!Number.isFinite(ms)) log(`cold start ${i}: the expected card was not the first result within 2 minutes`);
      else if (i > 0) times.push(ms);
    } finally {
      await context.close();
    }
  }
  if (controlled < COLD_RUNS) log(`the service worker controlled only ${controlled} of ${COLD_RUNS + 1} cold starts`);
  return round(percentile(times, 50), 0);
}

/**
 * Waits until the app page has written what it keeps for its next start (the search snapshot,
 * written once the page is idle; a build without one is given 10 s).
 */
async function waitForSnapshot(page) {
  await page
    .waitForFunction(() => performance.getEntriesByName('daifuku:search-snapshot-written').length > 0, undefined, { timeout: 120_000 })
    .catch(() => log('no search snapshot was written'));
}

/** Opens the app on `context` until its search index is read and it has put away its snapshot. */
async function useAppOnce(context) {
  const page = await openAppPage(context);
  await page.waitForFunction(async () => (await navigator.serviceWorker.ready).active?.state === 'activated');
  await waitForSearchIndex(page);
  await waitForSnapshot(page);
  await page.close();
}

// ---------------------------------------------------------------------------------------------
// Typing while the app imports a file and while it pulls from the shop's server: the import is
// started on the Settings screen of the same tab, the pull by joining a shop there, and staff then
// search on the Customers screen until it is over
// ---------------------------------------------------------------------------------------------

/** Longer than an import or a sync pull of the bench's sizes takes on a slow machine. */
const BUSY_MAX_MS = 15 * 60_000;

/** Keystrokes on the Customers screen of `page` while `busy()` holds; their times and long tasks. */
async function typeWhileBusy(page, queries, busy, what) {
  await page.getByRole('link', { name: 'Customers', exact: true }).click();
  await page.getByRole('searchbox', { name: 'Search customers', exact: true }).waitFor();
  await installKeystrokeTimer(page);
  const from = await page.evaluate(() => performance.now());
  const profiler = process.env.BENCH_PROFILE === 'load' ? await startProfiler(page) : undefined;
  const tracer = process.env.BENCH_PROFILE === 'load-trace' ? await startTaskTracing(page) : undefined;
  let stillBusy = true;
  const started = Date.now();
  const typed = await timeKeystrokes(page, queries, async (i) => {
    stillBusy = await busy();
    return stillBusy && i < 2000;
  });
  if (profiler) await profiler.stop(path.join(root, `bench/typing-during-${what}.cpuprofile`));
  const typedFor = (Date.now() - started) / 1000;
  // The keystrokes ran out first: how long the work itself took is still worth knowing. Work
  // that never ends has failed (a failed import writes no audit entry): the bench says so.
  while (stillBusy && (stillBusy = await busy())) {
    if (Date.now() - started > BUSY_MAX_MS) throw new Error(`the ${what} was not over after ${BUSY_MAX_MS / 60_000} minutes`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const timed = await longTasksSince(page, from);
  if (tracer) await tracer.stop(path.join(root, `bench/typing-during-${what}.trace.json`), timed);
  const longTasks = timed.map(([, d]) => d);
  const longest = [...timed].sort((a, b) => b[1] - a[1]).slice(0, 3);
  log(
    `typing during the ${what}: ${typed.painted.length} keystrokes over ${round(typedFor, 1)} s, the ${what} over in ` +
      `${round((Date.now() - started) / 1000, 1)} s; p95 ${round(percentile(typed.painted, 95), 1)} ms; ` +
      `${longTasks.length} long tasks, longest ${longest.map(([at, d]) => `${round(d, 0)} ms at ${round((at - from) / 1000, 1)} s`).join(', ') || 'none'}`,
  );
  return { painted: typed.painted, longest: round(Math.max(0, ...longTasks), 0), longTasks: longTasks.length };
}

async function measureTypingDuringImport(context, bench, queries) {
  const csvPath = path.join(os.tmpdir(), `daifuku-bench-import-${process.pid}.csv`);
  await writeFile(csvPath, await bench('importCsv', CUSTOMERS));
  try {
    await context.addInitScript(recordLongTasks);
    const page = await openAppPage(context, '/settings');
    const before = await bench('importsFinished');
    await page.getByLabel('Import customers', { exact: true }).setInputFiles(csvPath);
    await page.getByRole('group', { name: /column/i }).or(page.locator('table')).first().waitFor();
    await settle('before typing during an import');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('progressbar').first().waitFor();
    const typed = await typeWhileBusy(page, queries, async () => (await bench('importsFinished')) === before, 'import');
    await page.close();
    return typed;
  } finally {
    await rm(csvPath, { force: true });
  }
}

async function measureTypingDuringPull(queries) {
  const { token } = await syncShop();
  const browser = await launchBrowser();
  try {
    await browser.context.addInitScript(recordLongTasks);
    const page = await openAppPage(browser.context);
    await settle('before typing during a sync pull');
    await joinShop(page, await pairingCode(server.baseURL, token));
    await page.getByRole('status').filter({ hasText: /Syncing/ }).first().waitFor();
    const synced = page.getByRole('status').filter({ hasText: 'Synced' });
    return await typeWhileBusy(page, queries, async () => (await synced.count()) === 0, 'sync pull');
  } finally {
    await browser.dispose();
  }
}

// ---------------------------------------------------------------------------------------------
// How search cost and memory grow with the ledger
// ---------------------------------------------------------------------------------------------

async function measureSizes(browser, bench, queries) {
  const bySize = { ...(results.search_p95_ms === undefined ? {} : { [CUSTOMERS]: results.search_p95_ms }) };
  for (const size of [...SIZES].sort((a, b) => a - b)) {
    if (size === CUSTOMERS && size !== LARGEST && bySize[size] !== undefined) continue;
    log(`search at ${size} customers`);
    await bench('seed', size, { withVisits: false });
    await settle(`after seeding ${size}`);
    await bench('searchIndexAtRest');
    await bench('searchApp', queries.slice(0, 30));
    bySize[size] = round(percentile((await bench('searchApp', queries)).times, 95));
  }
  results.search_p95_ms_by_size = Object.fromEntries(Object.entries(bySize).sort((a, b) => a[0] - b[0]));

  // The largest ledger in the app: searched and scrolled, then in two tabs.
  log(`the app with ${LARGEST} customers`);
  const expected = await bench('firstMatch', COLD_QUERY);
  await settle(`before the app with ${LARGEST}`);
  const page = await openAppPage(browser.context);
  await waitForSearchIndex(page);
  await page.getByRole('searchbox', { name: 'Search customers', exact: true }).fill(COLD_QUERY);
  await page.locator(`[data-results-for="${COLD_QUERY}"]`).waitFor();
  await page.getByRole('searchbox', { name: 'Search customers', exact: true }).fill('');
  await scrollWholeList(page);
  results[`heap_mb_${LARGEST / 1000}k`] = await heapOf(browser.context, [page]);
  if (process.env.BENCH_PROFILE === 'heap') await writeHeapSnapshot(page, path.join(root, 'bench/heap.heapsnapshot'));
  const second = await openAppPage(browser.context);
  await second.getByRole('searchbox', { name: 'Search customers', exact: true }).fill(COLD_QUERY);
  await second.locator(`[data-results-for="${COLD_QUERY}"]`).waitFor({ timeout: 10 * 60_000 });
  results[`heap_two_tabs_visible_mb_${LARGEST / 1000}k`] = await heapOf(browser.context, [page, second]);
  // The second tab goes to the background, as a tablet shows one tab at a time.
  await hideTab(second);
  await page.waitForTimeout(HIDDEN_TAB_WAIT_MS);
  results[`heap_two_tabs_mb_${LARGEST / 1000}k`] = await heapOf(browser.context, [page, second]);
  await second.close();
  await waitForSnapshot(page);
  await page.close();
  await browser.close();
  await settle(`before the cold starts at ${LARGEST}`);
  log(`first result from a cold start at ${LARGEST} customers`);
  return measureColdFirstResult(browser.profile, expected);
}

/** How long a hidden tab is given before its memory is measured: the app lets go of its index after 30 s. */
const HIDDEN_TAB_WAIT_MS = 35_000;

// ---------------------------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------------------------

if (!process.env.BENCH_SKIP_BUILD) {
  log('building the app, the server and the bench site');
  run('npm', ['run', 'build']);
  run('npx', ['vite', 'build', '--config', 'bench/vite.config.ts', '--logLevel', 'warn']);
}

const server = await startBuiltServer({ staticSource: path.join(root, 'build/bench-site'), copyStatic: false });

// Marks when the search box first exists in an app page; rAF ⇒ the frame with it has been painted.
function markSearchBox() {
  const seen = () => {
    if (document.querySelector('input[type="search"]')) {
      requestAnimationFrame(() => {
        window.__searchReadyAt ??= performance.now();
      });
      return true;
    }
    return false;
  };
  new MutationObserver((_, observer) => {
    if (seen()) observer.disconnect();
  }).observe(document, { childList: true, subtree: true });
  // When the bench's typing reached the page: the cold start's lag between box and keystroke.
  document.addEventListener('input', () => (window.__typedAt ??= performance.now()), { capture: true });
}

/** The figures so far, in case the run is cut short (the full report replaces them at the end). */
async function saveProgress() {
  await writeFile(path.join(root, 'bench/results.partial.json'), `${JSON.stringify({ ...results, unfinished: true }, null, 2)}\n`);
}

let main;
try {
  // Lighthouse (its own chromium) and the import (a browser and profile of its own) run first,
  // on a quiet machine: IndexedDB goes on compacting for minutes after a large write, and neither
  // should measure what the rest of the bench wrote, nor leave that behind.
  // BENCH_LEDGER_FIRST=1 runs them last instead (a run that may be cut short gets the figures
  // of the main ledger first).
  const ownBrowserParts = async () => {
    if (runs('lighthouse')) await measureLighthouseParts();
    await saveProgress();
    if (runs('import')) await measureImport();
    await saveProgress();
    if (runs('sync')) await measureSyncPull();
    await saveProgress();
  };
  if (!process.env.BENCH_LEDGER_FIRST) await ownBrowserParts();

  const needsLedger = ['data', 'ui', 'cold', 'load', 'sizes'].some(runs);
  if (needsLedger) {
    main = await launchBrowser();
    await main.context.addInitScript(markSearchBox);
    const firstPage = await main.context.newPage();
    const firstScreen = await firstScreenJavaScript(firstPage, path.join(root, 'build/bench-site'), '/', { query: COLD_QUERY });
    results.first_screen_js_gzip_kb = firstScreen.kb;
    results.first_screen_box_js_gzip_kb = firstScreen.boxKb;
    await firstPage.close();

    let { bench, benchPage } = await openBenchPage(main.context);
    log(`seeding ${CUSTOMERS} customers with visit histories`);
    const seeded = await bench('seed', CUSTOMERS, { withVisits: true });
    results.visits = seeded.visits;
    results.seed_ms = round(seeded.ms, 0);
    log(`seeded ${seeded.customers} customers, ${seeded.visits} visits in ${round(seeded.ms / 1000, 1)} s`);
    const queries = await bench('queries');
    const cards = await bench('cardTargets', 40);
    await settle('after seeding');
    if (runs('data')) await measureDataLayer(bench, queries);
    await saveProgress();
    if (runs('ui')) {
      await settle('before the UI');
      await measureUi(main.context, queries, cards);
    }
    await saveProgress();
    if (runs('cold')) {
      // What the search shows first now: the note saves above change which card was seen last.
      const expected = await bench('firstMatch', COLD_QUERY);
      await useAppOnce(main.context);
      await main.close();
      await settle(`before the cold starts at ${CUSTOMERS}`);
      log(`first result from a cold start at ${CUSTOMERS} customers`);
      results.first_result_cold_ms = await measureColdFirstResult(main.profile, expected);
      const profile = main.profile;
      main = await launchBrowser(profile);
      await main.context.addInitScript(markSearchBox);
      ({ bench, benchPage } = await openBenchPage(main.context));
    }
    await saveProgress();
    if (runs('load')) {
      const duringImport = await measureTypingDuringImport(main.context, bench, queries);
      const duringPull = await measureTypingDuringPull(queries);
      results.search_paint_during_import_p95_ms = round(percentile(duringImport.painted, 95), 1);
      results.search_paint_during_sync_p95_ms = round(percentile(duringPull.painted, 95), 1);
      results.search_paint_during_load_p95_ms = round(percentile([...duringImport.painted, ...duringPull.painted], 95), 1);
      results.longest_task_during_import_ms = duringImport.longest;
      results.longest_task_during_sync_ms = duringPull.longest;
      results.keystrokes_during_load = duringImport.painted.length + duringPull.painted.length;
    }
    await saveProgress();
    if (runs('sizes')) {
      const cold = await measureSizes(main, bench, queries);
      results.first_result_cold_ms_by_size = {
        ...(results.first_result_cold_ms === undefined ? {} : { [CUSTOMERS]: results.first_result_cold_ms }),
        [LARGEST]: cold,
      };
    }
    await saveProgress();
    void benchPage;
  }
  if (process.env.BENCH_LEDGER_FIRST) {
    await main?.dispose();
    main = undefined;
    await ownBrowserParts();
  }
} finally {
  await main?.dispose();
  await server.stop();
}

// ---------------------------------------------------------------------------------------------
// The report
// ---------------------------------------------------------------------------------------------

const atMost = (value, limit) => value !== undefined && value <= limit;
const below = (value, limit) => value !== undefined && value < limit;

/** Each figure with a target: the target in words, and whether this run met it. */
const TARGETS = {
  search_p95_ms: (r) => ({
    text: `< 5 and ≤ 2× baseline (${round(r.search_baseline_p95_ms * 2)})`,
    ok: below(r.search_p95_ms, 5) && atMost(r.search_p95_ms, r.search_baseline_p95_ms * 2),
  }),
  search_p95_ms_by_size: (r) => {
    const sizes = Object.keys(r.search_p95_ms_by_size).map(Number);
    const small = r.search_p95_ms_by_size[Math.min(...sizes)];
    const large = r.search_p95_ms_by_size[Math.max(...sizes)];
    return { text: `largest ≤ 2× smallest (${round(small * 2)})`, ok: atMost(large, small * 2) };
  },
  search_paint_p95_ms: (r) => ({ text: `< 16 (one frame here: ${r.frame_ms})`, ok: below(r.search_paint_p95_ms, 16) }),
  card_open_p95_ms: (r) => ({ text: '< 50', ok: below(r.card_open_p95_ms, 50) }),
  note_save_p95_ms: (r) => ({
    text: `≤ 2× baseline (${round(r.note_save_baseline_p95_ms * 2)})`,
    ok: atMost(r.note_save_p95_ms, r.note_save_baseline_p95_ms * 2),
  }),
  note_save_sync_p95_ms: (r) => ({
    text: `≤ 2× baseline (${round(r.note_save_sync_baseline_p95_ms * 2)})`,
    ok: atMost(r.note_save_sync_p95_ms, r.note_save_sync_baseline_p95_ms * 2),
  }),
  insights_ms: (r) => ({ text: '< 1000', ok: below(r.insights_ms, 1000) }),
  insights_all_ms: (r) => ({ text: '< 1000 (every figure)', ok: below(r.insights_all_ms, 1000) }),
  cold_start_ms: (r) => ({ text: '< 1000', ok: below(r.cold_start_ms, 1000) }),
  first_result_cold_ms: (r) => ({ text: '< 1000', ok: below(r.first_result_cold_ms, 1000) }),
  first_result_cold_ms_by_size: (r) => ({
    text: '< 1000 at 50k, < 2000 at 200k',
    ok: Object.entries(r.first_result_cold_ms_by_size).every(([n, ms]) => below(ms, Number(n) > 50_000 ? 2000 : 1000)),
  }),
  first_screen_js_gzip_kb: (r) => ({ text: '< 150 (with the search)', ok: below(r.first_screen_js_gzip_kb, 150) }),
  heap_mb: (r) => ({ text: '< 150', ok: below(r.heap_mb, 150) }),
  heap_mb_200k: (r) => ({ text: '< 150', ok: below(r.heap_mb_200k, 150) }),
  heap_two_tabs_mb_200k: (r) => ({ text: '< 150 together (second tab hidden)', ok: below(r.heap_two_tabs_mb_200k, 150) }),
  search_paint_during_load_p95_ms: (r) => ({ text: '< 50', ok: below(r.search_paint_during_load_p95_ms, 50) }),
  search_paint_during_import_p95_ms: (r) => ({ text: '< 50', ok: below(r.search_paint_during_import_p95_ms, 50) }),
  search_paint_during_sync_p95_ms: (r) => ({ text: '< 50', ok: below(r.search_paint_during_sync_p95_ms, 50) }),
  longest_task_during_import_ms: (r) => ({ text: '≤ 100', ok: atMost(r.longest_task_during_import_ms, 100) }),
  longest_task_during_sync_ms: (r) => ({ text: '≤ 100', ok: atMost(r.longest_task_during_sync_ms, 100) }),
  import_ms: (r) => ({
    text: `≤ 2.5× baseline (${round(r.import_baseline_ms * 2.5, 0)})`,
    ok: atMost(r.import_ms, r.import_baseline_ms * 2.5),
  }),
  import_sync_ms: (r) => ({
    text: `≤ 2.5× baseline (${round(r.import_baseline_ms * 2.5, 0)})`,
    ok: atMost(r.import_sync_ms, r.import_baseline_ms * 2.5),
  }),
  sync_pull_ms: (r) => ({
    text: `≤ 3× baseline (${round(r.sync_pull_baseline_ms * 3, 0)}; now ${round(r.sync_pull_ms / r.sync_pull_baseline_ms, 1)}×)`,
    ok: atMost(r.sync_pull_ms, r.sync_pull_baseline_ms * 3),
  }),
  lighthouse_performance: (r) => ({ text: '≥ 0.95', ok: r.lighthouse_performance >= 0.95 }),
  lighthouse_accessibility: (r) => ({ text: '1.0', ok: r.lighthouse_accessibility === 1 }),
  lighthouse_5k_performance: (r) => ({ text: '≥ 0.95', ok: r.lighthouse_5k_performance >= 0.95 }),
  lighthouse_5k_accessibility: (r) => ({ text: '1.0', ok: r.lighthouse_5k_accessibility === 1 }),
};

function chromiumVersion() {
  try {
    return execFileSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'chromium (version unknown)';
  }
}

const cpus = os.cpus();
results.measured_at = startedAt.toISOString();
results.machine = {
  cpu: `${cpus.length} × ${cpus[0]?.model ?? 'unknown'}`,
  memory_gb: round(os.totalmem() / 1024 ** 3, 0),
  browser: chromiumVersion(),
  load_average_at_start: loadAtStart.map((n) => round(n, 1)),
  load_average_at_end: os.loadavg().map((n) => round(n, 1)),
  parts_under_load: underLoad,
  minutes: round((Date.now() - startedAt.getTime()) / 60_000, 1),
};
await writeFile(path.join(root, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
await rm(path.join(root, 'bench/results.partial.json'), { force: true });

const shown = (value) => (typeof value === 'object' ? JSON.stringify(value) : String(value));
const rows = Object.entries(results)
  .filter(([key]) => key !== 'machine')
  .map(([key, value]) => ({ key, value: shown(value), target: TARGETS[key]?.(results) }));
const RED = '\x1b[31m';
const GREEN = '\x1b[32m';
const RESET = '\x1b[0m';
console.log('\nDaifuku bench results (ms unless stated)');
for (const { key, value, target } of rows) {
  const line = `  ${key.padEnd(38)} ${value.padEnd(28)} ${target ? `${target.text} ${target.ok ? '✓' : '✗ missed'}` : ''}`;
  console.log(target ? `${target.ok ? GREEN : RED}${line}${RESET}` : line);
}
console.log(`\nmachine: ${results.machine.cpu}, ${results.machine.memory_gb} GB, ${results.machine.browser}`);
if (underLoad.length) console.log(`${RED}taken under load (the machine never came to rest before): ${underLoad.join('; ')}${RESET}`);
console.log(`written to bench/results.json`);

// docs/performance.md: the table between its markers, from this run (a full run, or asked for).
if (!only || process.env.BENCH_WRITE_DOCS) {
  const docPath = path.join(root, 'docs/performance.md');
  const doc = await readFile(docPath, 'utf8');
  const START = '<!-- bench:results:start -->';
  const END = '<!-- bench:results:end -->';
  const m = results.machine;
  const table = [
    START,
    `Written by \`npm run bench\` on ${results.measured_at.slice(0, 16).replace('T', ' ')} UTC${only ? ` (parts: ${only.join(', ')})` : ''}: ` +
      `${m.cpu}, ${m.memory_gb} GB, ${m.browser}; load average ${m.load_average_at_start.join(' / ')} at the start, ` +
      `${m.load_average_at_end.join(' / ')} at the end; ${m.minutes} minutes. ` +
      (m.parts_under_load.length ? `Taken under load (the machine never came to rest before them): ${m.parts_under_load.join('; ')}.` : 'Every part started on a machine at rest.'),
    '',
    '| figure | result | target | met |',
    '|---|---|---|---|',
    ...rows.map(({ key, value, target }) => `| \`${key}\` | ${value.replace(/\|/g, '\\|')} | ${target?.text ?? '—'} | ${target ? (target.ok ? '✓' : '**✗ missed**') : ''} |`),
    END,
  ].join('\n');
  const at = doc.indexOf(START);
  const next = at >= 0 ? doc.slice(0, at) + table + doc.slice(doc.indexOf(END) + END.length) : doc.replace('\n## ', `\n${table}\n\n## `);
  await writeFile(docPath, next);
  console.log('written to docs/performance.md');
}
