// The main thread's CPU time for a page's first render, per run, in Chromium with Lighthouse's mobile screen
// and no throttling. Lighthouse's simulated throttling multiplies the time it observes by 4, and on a shared
// machine that time also counts the moments the host gave the browser no CPU: scores then move with the
// host's load. Thread time (a trace event's "tdur") counts only what the renderer itself computed, so two
// versions of a page can be compared here on a busy machine.
// Per run it prints: the longest task (CPU ms), the sum over tasks of (4 x CPU - 50) ms, which is what
// Lighthouse would count as blocking if the 4x slowdown were exact, the number of elements the largest
// style recalculation of the page's document touched, and the CPU spent in style and in layout.
// Usage: node render-cost.mjs BASE_URL PAGE [--runs N]      (default 5 runs; serve the site first, e.g. with
//        node static-server.mjs --root bench/.work/site --port 8791)
import { emulatePhone, launchChromium } from './lib/mobile.mjs';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 5;
const [base, page] = args;
if (!base || !page || !(runs > 0)) {
  console.error('usage: node render-cost.mjs BASE_URL PAGE [--runs N]');
  process.exit(2);
}

const browser = await launchChromium();

const cpu = e => (e.tdur ?? e.dur ?? 0) / 1000;
const rows = [];
try {
  for (let run = 0; run < runs; run++) {
    // A new context per run: a cold cache, as Lighthouse loads the page.
    const context = await browser.createBrowserContext();
    const tab = await context.newPage();
    await emulatePhone(tab);
    await tab.tracing.start({ categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    await tab.goto(base.replace(/\/$/, '') + page, { waitUntil: 'load', timeout: 60000 });
    await new Promise(resolve => setTimeout(resolve, 1500));
    const events = JSON.parse(Buffer.from(await tab.tracing.stop()).toString('utf8')).traceEvents;
    await context.close();

    // The renderer's main thread is the one that parsed the page; SVG images it draws have frames of their own.
    const parse = events.find(e => e.name === 'ParseHTML' && (e.args?.beginData?.url ?? '').startsWith(base));
    const frame = parse.args.beginData.frame;
    const main = events.filter(e => e.pid === parse.pid && e.tid === parse.tid && e.dur);
    const tasks = main.filter(e => e.name === 'RunTask').map(cpu);
    const restyles = main.filter(e => e.name === 'UpdateLayoutTree' && e.args?.beginData?.frame === frame);
    const sum = name => main.filter(e => e.name === name).reduce((total, e) => total + cpu(e), 0);
    rows.push({
      longest: Math.max(...tasks),
      blocking: tasks.reduce((total, t) => total + Math.max(0, 4 * t - 50), 0),
      elements: Math.max(0, ...restyles.map(e => e.args?.elementCount ?? 0)),
      style: sum('UpdateLayoutTree'),
      layout: sum('Layout'),
    });
  }
} finally {
  await browser.close();
}

const round = x => Math.round(x);
console.log(`${page} (${runs} runs, CPU ms)`);
for (const r of rows) {
  console.log(`  longest task ${round(r.longest)}, 4x blocking ${round(r.blocking)}, largest restyle ${r.elements} elements, style ${round(r.style)}, layout ${round(r.layout)}`);
}

const median = key => {
  const sorted = rows.map(r => r[key]).sort((a, b) => a - b);
  return round(sorted[Math.floor((sorted.length - 1) / 2)]);
};
console.log(`  median: longest task ${median('longest')}, 4x blocking ${median('blocking')}, largest restyle ${median('elements')} elements, style ${median('style')}, layout ${median('layout')}`);
