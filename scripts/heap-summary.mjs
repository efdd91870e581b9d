// `node scripts/heap-summary.mjs bench/heap.heapsnapshot [count]`: what holds a heap snapshot's
// memory, by kind of object (constructor, or string / array / number), largest first, with how
// many objects and their own size in all. For the bench's BENCH_PROFILE=heap.
import { readFile } from 'node:fs/promises';

const [file, count = '30'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node scripts/heap-summary.mjs <file.heapsnapshot> [count]');
  process.exit(2);
}
const snapshot = JSON.parse(await readFile(file, 'utf8'));
const meta = snapshot.snapshot.meta;
const fields = meta.node_fields;
const types = meta.node_types[fields.indexOf('type')];
const width = fields.length;
const at = (name) => fields.indexOf(name);
const [typeAt, nameAt, sizeAt] = [at('type'), at('name'), at('self_size')];
const byKind = new Map();
let total = 0;
for (let i = 0; i < snapshot.nodes.length; i += width) {
  const type = types[snapshot.nodes[i + typeAt]];
  const name = snapshot.strings[snapshot.nodes[i + nameAt]];
  const size = snapshot.nodes[i + sizeAt];
  // Strings and numbers by their type; objects by constructor; the rest (arrays, code) by name.
  const kind = type === 'object' || type === 'closure' || type === 'native' ? `${type} ${name}` : type === 'hidden' || type === 'array' ? `${type} ${name.slice(0, 60)}` : type;
  const entry = byKind.get(kind) ?? { count: 0, size: 0 };
  entry.count++;
  entry.size += size;
  byKind.set(kind, entry);
  total += size;
}
const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);
console.log(`${mb(total)} MB in ${snapshot.nodes.length / width} objects`);
for (const [kind, { count: n, size }] of [...byKind].sort((a, b) => b[1].size - a[1].size).slice(0, Number(count))) {
  console.log(`${mb(size).padStart(8)} MB ${String(n).padStart(9)}  ${kind}`);
}
