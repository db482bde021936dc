// Where an Azurite CPU profile's time went, by the kind of request each sample served, then by function.
//   node bench/tools/azurite-profile/summary.mjs PROFILE.cpuprofile [--top 25]
// Kinds are read from the sample's stack (the innermost matching frame decides): a transaction ($batch),
// a query ($filter: Azurite reads the whole table for each), a point read, an insert, the periodic save
// of the database, the HTTP layer around them, the garbage collector, idle.
import { readFileSync } from 'node:fs';

const [file, ...rest] = process.argv.slice(2);
if (!file) {
  console.error('usage: summary.mjs PROFILE.cpuprofile [--top N]');
  process.exit(2);
}
const top = rest[0] === '--top' ? Number(rest[1]) : 25;
const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);

const frameName = (n) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*node_modules\//, '')}:${n.callFrame.lineNumber + 1}`;

// Checked from the leaf outwards over the whole stack, in this order.
const kinds = [
  ['idle', (leaf) => leaf === '(idle)'],
  ['garbage collector', (leaf) => leaf === '(garbage collector)'],
  ['transaction', (_, stack) => /TableBatchOrchestrator|TableBatchSerialization/.test(stack)],
  ['point read', (_, stack) => /queryEntitiesWithPartitionAndRowKey/.test(stack)],
  ['query (whole table)', (_, stack) => /queryEntities/.test(stack)],
  ['insert', (_, stack) => /insertEntity/.test(stack)],
  ['update or merge', (_, stack) => /mergeEntity|updateEntity|insertOrMerge|insertOrReplace|deleteEntity/.test(stack)],
  ['save to disk', (_, stack) => /saveDatabase|autosave/.test(stack)],
  ['HTTP and middleware', (_, stack) => /[Mm]iddleware|express|_http_|HTTPParser|parserOn|[Ss]ocket/.test(stack)],
];
const kindOf = new Map();
function classify(id) {
  if (kindOf.has(id)) return kindOf.get(id);
  const names = [];
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) names.push(nodes.get(cur).callFrame.functionName + '@' + nodes.get(cur).callFrame.url);
  const stack = names.join(' ');
  const leaf = nodes.get(id).callFrame.functionName;
  const kind = kinds.find(([, test]) => test(leaf, stack))?.[0] ?? 'other';
  kindOf.set(id, kind);
  return kind;
}

const byKind = new Map();
const bySelf = new Map();
let total = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  total += dt;
  byKind.set(classify(id), (byKind.get(classify(id)) ?? 0) + dt);
  const name = frameName(nodes.get(id));
  bySelf.set(name, (bySelf.get(name) ?? 0) + dt);
});

const line = (ms, label) => `${(ms / 1000).toFixed(0).padStart(8)} ms ${((100 * ms) / total).toFixed(1).padStart(5)} %  ${label}`;
console.log(`${(total / 1e6).toFixed(1)} s profiled`);
console.log('\nby request:');
for (const [kind, us] of [...byKind].sort((a, b) => b[1] - a[1])) console.log(line(us, kind));
console.log(`\nby function (self time, top ${top}):`);
for (const [name, us] of [...bySelf].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(line(us, name));
