/**
 * A shop's first act after switching the tablet on is a search. What start-up can do a moment
 * later (today's follow-up suggestions, sync, the next screens' code, the service worker, the
 * drafts sweep) waits until that search's answer is on screen, so none of it competes with the
 * answer for the network, IndexedDB or the main thread. It goes at once when the person opens
 * another screen instead; QUIET_MS after the page has loaded when nobody is searching (counted from
 * the load: a slow tablet may take longer than that to show the search box); and never later than
 * LATEST_MS after the load, whatever the search does.
 */
const QUIET_MS = 2_000;
const LATEST_MS = 10_000;
/**
 * An answer lets the work go once no keystroke has followed it for this long: staff typing a name
 * get an answer at each letter, and the work released at the first would slow the ones after it.
 */
export const TYPING_PAUSE_MS = 300;
let pauseTimer: ReturnType<typeof setTimeout> | undefined;

let released = false;
let asking = false;
let quietPassed = false;
let timersStarted = false;
const waiting = new Set<() => void>();

function release(): void {
  if (released) return;
  released = true;
  for (const run of [...waiting]) run();
  waiting.clear();
}

function startTimers(): void {
  if (timersStarted) return;
  timersStarted = true;
  const afterLoad = () => {
    setTimeout(() => {
      quietPassed = true;
      if (!asking) release();
    }, QUIET_MS);
    setTimeout(release, LATEST_MS);
  };
  if (typeof document === 'undefined' || document.readyState === 'complete') afterLoad();
  else addEventListener('load', afterLoad, { once: true });
}

/** True once start-up's later work may run. */
export function firstAnswerDone(): boolean {
  return released;
}

/** Runs `run` once the first answer is on screen (or the page was quiet); returns what cancels it. */
export function afterFirstAnswer(run: () => void): () => void {
  if (released) {
    run();
    return () => undefined;
  }
  startTimers();
  waiting.add(run);
  return () => waiting.delete(run);
}

/** The search screen says whether a typed query is waiting for its answer. */
export function searchWaiting(yes: boolean): void {
  asking = yes;
  if (yes) clearTimeout(pauseTimer);
  startTimers();
  if (!yes && quietPassed) release();
}

/** The search screen was left for another: nobody is searching at the start any more. */
export function searchScreenLeft(): void {
  asking = false;
  release();
}

/** The search screen painted an answer to a typed query. */
export function searchAnswered(): void {
  asking = false;
  clearTimeout(pauseTimer);
  pauseTimer = setTimeout(() => {
    if (!asking) release();
  }, TYPING_PAUSE_MS);
}
