// Prints the functions with the most self time in a .cpuprofile (from `BENCH_PROFILE=card npm
// run bench`), so the closing note can name where a slow operation spends its time.
//   node scripts/profile-summary.mjs bench/card-open.cpuprofile [top] [function|file]
import { readFile } from 'node:fs/promises';

const [file, top = '25', by = 'function'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node scripts/profile-summary.mjs <file.cpuprofile> [top]');
  process.exit(2);
}
// One profile, or several (the bench profiles only its timed windows, one profile each).
const read = JSON.parse(await readFile(file, 'utf8'));
const profiles = Array.isArray(read) ? read : [read];
const totals = new Map();
let all = 0;
for (const profile of profiles) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  for (let i = 0; i < profile.samples.length; i++) {
    const { functionName, url, lineNumber } = byId.get(profile.samples[i]).callFrame;
    const where = url ? `${url.split('/').pop()}:${lineNumber + 1}` : '';
    const name =
      by === 'file' ? url.split('/').pop() || functionName : `${functionName || '(anonymous)'} ${where}`.trim();
    const micros = profile.timeDeltas[i] ?? 0;
    totals.set(name, (totals.get(name) ?? 0) + micros);
    all += micros;
  }
}
console.log(`${profiles.length} profile(s)`);
console.log(`total sampled: ${(all / 1000).toFixed(0)} ms`);
for (const [name, micros] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, Number(top))) {
  console.log(
    `${(micros / 1000).toFixed(1).padStart(9)} ms  ${((100 * micros) / all).toFixed(1).padStart(5)}%  ${name}`,
  );
}
