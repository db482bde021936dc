// What Lighthouse 12.2.3 cannot attribute with a recent Chromium (its LCP-element, layout-shift and
// render-blocking audits fail on the trace format): loads each page cold in Chromium with Lighthouse's
// mobile conditions (Moto G Power screen, 4x CPU slowdown, slow 4G), and reports the layout shifts with
// the elements that moved, the LCP element, render-blocking resources, console errors and CSP violations,
// and where the main thread's time goes (from a trace: style, layout, script per bundle part, and which
// script calls force style or layout).
// Usage: node page-trace.mjs BASE_URL PAGE... [--json FILE] [--theme DIR]

import fs from 'node:fs';
import path from 'node:path';
import { emulatePhone, launchChromium } from './lib/mobile.mjs';
import { bundleParts } from './lib/breakdown.mjs';

const args = process.argv.slice(2);
const option = name => {
  const at = args.indexOf(name);
  if (at < 0) {
    return null;
  }

  const value = args[at + 1];
  args.splice(at, 2);
  return value;
};
const jsonFile = option('--json');
const theme = option('--theme') ?? path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../theme');
const [base, ...pages] = args;
if (!base || pages.length === 0) {
  console.error('usage: node page-trace.mjs BASE_URL PAGE... [--json FILE] [--theme DIR]');
  process.exit(2);
}

// Runs in the page before anything else: records shifts, LCP candidates and CSP violations.
function observe() {
  const describe = node => {
    if (!node) {
      return '(node gone)';
    }

    const element = node.nodeType === 1 ? node : node.parentElement;
    if (!element) {
      return '(text)';
    }

    const chain = [];
    for (let e = element; e && e !== document.documentElement && chain.length < 4; e = e.parentElement) {
      chain.unshift(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + [...e.classList].slice(0, 3).map(c => '.' + c).join(''));
    }

    const text = (element.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 50);
    return chain.join(' > ') + (text ? ` "${text}"` : '');
  };
  const record = { shifts: [], lcp: [], csp: [] };
  window.__wcTrace = record;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
      record.shifts.push({
        value: entry.value,
        time: Math.round(entry.startTime),
        input: entry.hadRecentInput,
        sources: (entry.sources || []).map(s => ({
          node: describe(s.node),
          from: `${Math.round(s.previousRect.y)}+${Math.round(s.previousRect.height)}`,
          to: `${Math.round(s.currentRect.y)}+${Math.round(s.currentRect.height)}`,
        })),
      });
    }
  }).observe({ type: 'layout-shift', buffered: true });
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
      record.lcp.push({ time: Math.round(entry.startTime), size: entry.size, element: describe(entry.element), url: entry.url || '' });
    }
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  document.addEventListener('securitypolicyviolation', e => record.csp.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile || ''}:${e.lineNumber})`));
}

const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.stack', 'v8.execute', 'blink.user_timing', 'loading', 'latencyInfo'];

/** Main-thread time per kind of work, and the script locations that force style or layout. */
function analyseTrace(trace, partOf) {
  const events = trace.traceEvents;
  // The renderer that parsed the page (headless Chromium also runs renderers of its own, e.g. for WebUI).
  const parsed = events.find(e => e.name === 'ParseHTML' && (e.args?.beginData?.url ?? '').startsWith(base));
  const main = parsed && events.find(e => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && e.pid === parsed.pid);
  if (!main) {
    return null;
  }

  const mine = events.filter(e => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && typeof e.dur === 'number');
  const kinds = new Map();
  const forced = new Map();
  const scripts = new Map();
  // ms: wall time (throttled, and stretched when the machine is busy); cpu: the thread's own time, which
  // neither the 4x throttling nor other processes inflate (compare variants with it).
  const add = (map, key, dur, tdur) => {
    const entry = map.get(key) ?? { count: 0, ms: 0, cpu: 0 };
    entry.count++;
    entry.ms += dur / 1000;
    entry.cpu += (tdur ?? dur) / 1000;
    map.set(key, entry);
  };
  for (const e of mine) {
    if (['UpdateLayoutTree', 'Layout', 'ParseAuthorStyleSheet', 'ParseHTML', 'Paint', 'PrePaint', 'Layerize', 'EvaluateScript', 'v8.compileModule', 'v8.evaluateModule', 'FunctionCall', 'TimerFire', 'EventDispatch', 'RunMicrotasks', 'FireAnimationFrame', 'HitTest', 'ScheduleStyleRecalculation', 'InvalidateLayout'].includes(e.name)) {
      add(kinds, e.name, e.dur, e.tdur);
    }

  }

  // Script work, named after the function and the bundle part it is in; style and layout done inside a
  // script call were forced by it (synchronous reads of geometry or styles).
  const label = e => {
    const data = e.args?.data ?? {};
    const where = partOf(data.url ?? data.scriptName, data.lineNumber, data.columnNumber);
    return `${e.name === 'FunctionCall' ? `${data.functionName || '(anonymous)'}()` : e.name} ${where}`;
  };
  const scriptEvents = mine.filter(e => ['FunctionCall', 'EvaluateScript', 'v8.evaluateModule'].includes(e.name));
  for (const e of scriptEvents) {
    add(scripts, label(e), e.dur, e.tdur);
  }

  for (const e of mine.filter(x => x.name === 'UpdateLayoutTree' || x.name === 'Layout')) {
    const inside = scriptEvents.filter(s => s.ts <= e.ts && e.ts + e.dur <= s.ts + s.dur).sort((a, b) => a.dur - b.dur)[0];
    if (inside) {
      add(forced, `${e.name} forced in ${label(inside)}`, e.dur, e.tdur);
    }
  }

  // The long tasks (what Total Blocking Time counts: each one's time beyond 50 ms), with what fills them.
  const start = mine.find(e => e.name === 'ParseHTML')?.ts ?? 0;
  const longTasks = mine.filter(e => e.name === 'RunTask' && e.dur > 50000).map(task => {
    const inside = mine.filter(e => e !== task && e.name !== 'RunTask' && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur && e.dur > 2000)
      .sort((a, b) => b.dur - a.dur).slice(0, 3)
      .map(e => `${['FunctionCall', 'EvaluateScript', 'v8.evaluateModule'].includes(e.name) ? label(e) : e.name} ${Math.round(e.dur / 1000)}`);
    return `${Math.round(task.dur / 1000)} ms at ${Math.round((task.ts - start) / 1000)} ms: ${inside.join(', ')}`;
  });
  const busy = mine.filter(e => e.name === 'RunTask').reduce((t, e) => ({ ms: t.ms + e.dur / 1000, cpu: t.cpu + (e.tdur ?? e.dur) / 1000 }), { ms: 0, cpu: 0 });
  return { kinds, forced, scripts, longTasks, busy };
}

async function main() {
  const browser = await launchChromium();
  const results = [];
  const partsCache = new Map();
  try {
    for (const page of pages) {
      const context = await browser.createBrowserContext();
      const tab = await context.newPage();
      await emulatePhone(tab);
      await tab.emulateCPUThrottling(4);
      await tab.emulateNetworkConditions({ download: 1.6 * 1024 * 1024 / 8 * 0.9, upload: 750 * 1024 / 8 * 0.9, latency: 150 * 3.75 });
      await tab.evaluateOnNewDocument(observe);
      const consoleErrors = [];
      tab.on('console', m => {
        if (m.type() === 'error' || m.type() === 'warning') {
          consoleErrors.push(`${m.type()}: ${m.text().replace(/\s+/g, ' ').slice(0, 300)}`);
        }
      });
      tab.on('pageerror', e => consoleErrors.push(`exception: ${e.message}`));

      await tab.tracing.start({ categories: TRACE_CATEGORIES });
      await tab.goto(base + page, { waitUntil: 'load', timeout: 60000 });
      await new Promise(resolve => setTimeout(resolve, 3000));
      const trace = JSON.parse(Buffer.from(await tab.tracing.stop()).toString('utf8'));
      const record = await tab.evaluate(() => window.__wcTrace);
      const blocking = await tab.evaluate(() => performance.getEntriesByType('resource')
        .filter(r => r.renderBlockingStatus === 'blocking')
        .map(r => `${new URL(r.name).pathname} (${Math.round(r.duration)} ms, ${r.transferSize} B)`));
      const scriptUrls = await tab.evaluate(() => [...document.scripts].map(s => s.src).filter(Boolean));

      // Locations in the bundle are named after the part (DSFR module or theme file) they fall in.
      for (const url of scriptUrls) {
        if (!partsCache.has(url)) {
          const text = await (await fetch(url)).text();
          partsCache.set(url, { text, parts: bundleParts(text, 'js', theme) });
        }
      }

      const partOf = (url, line, column) => {
        const entry = partsCache.get(url);
        const short = url ? new URL(url, base).pathname : '(inline)';
        if (!entry || line === undefined) {
          return `${short}${line !== undefined ? `:${line}:${column}` : ''}`;
        }

        // Trace locations count lines and columns from 1.
        let offset = 0;
        for (let l = 1; l < line; l++) {
          offset = entry.text.indexOf('\n', offset) + 1;
        }

        offset += column - 1;
        const part = entry.parts.find(p => offset >= p.start && offset < p.end);
        return `${short} [${part ? part.name : '?'}]`;
      };

      const analysis = analyseTrace(trace, partOf);
      results.push({ page, record, blocking, consoleErrors, analysis });
      await context.close();
    }
  } finally {
    await browser.close();
  }

  const top = (map, n) => [...map].sort((a, b) => b[1].ms - a[1].ms).slice(0, n);
  for (const { page, record, blocking, consoleErrors, analysis } of results) {
    console.log('');
    console.log(`--- ${page} (mobile 412x823, CPU 4x slower, slow 4G; cold cache)`);
    const counted = record.shifts.filter(s => !s.input);
    console.log(`layout shifts: ${counted.length}, sum ${counted.reduce((t, s) => t + s.value, 0).toFixed(3)}`);
    for (const shift of counted.sort((a, b) => b.value - a.value).slice(0, 6)) {
      console.log(`  ${shift.value.toFixed(3)} at ${shift.time} ms`);
      for (const source of shift.sources) {
        console.log(`    ${source.node}  y+h ${source.from} -> ${source.to}`);
      }
    }

    const lcp = record.lcp.at(-1);
    console.log(`LCP element: ${lcp ? `${lcp.element}${lcp.url ? ` (${lcp.url})` : ''} at ${lcp.time} ms, ${lcp.size} px²` : 'none'}`);
    console.log(`render-blocking: ${blocking.length ? blocking.join(', ') : 'none'}`);
    for (const violation of record.csp) {
      console.log(`CSP violation: ${violation}`);
    }

    for (const error of consoleErrors) {
      console.log(`console ${error}`);
    }

    if (analysis) {
      console.log(`main thread: busy ${Math.round(analysis.busy.ms)} ms wall (throttled 4x), ${Math.round(analysis.busy.cpu)} ms CPU; long tasks > 50 ms: ${analysis.longTasks.length}`);
      for (const task of analysis.longTasks.slice(0, 8)) {
        console.log(`  long task ${task}`);
      }

      console.log('  by kind (wall/CPU ms, count): ' + top(analysis.kinds, 12).map(([k, v]) => `${k} ${Math.round(v.ms)}/${Math.round(v.cpu)}/${v.count}`).join(', '));
      for (const [k, v] of top(analysis.scripts, 8)) {
        console.log(`  script ${k}: ${Math.round(v.ms)} ms wall, ${Math.round(v.cpu)} ms CPU in ${v.count} call(s)`);
      }

      for (const [k, v] of top(analysis.forced, 8)) {
        console.log(`  ${k}: ${Math.round(v.ms)} ms wall, ${Math.round(v.cpu)} ms CPU in ${v.count}`);
      }
    }
  }

  if (jsonFile) {
    fs.mkdirSync(path.dirname(jsonFile), { recursive: true });
    const plain = results.map(r => ({ ...r, analysis: r.analysis && Object.fromEntries(Object.entries(r.analysis).map(([k, v]) => [k, v instanceof Map ? Object.fromEntries(v) : v])) }));
    fs.writeFileSync(jsonFile, JSON.stringify(plain, null, 2));
  }
}

main().catch(e => {
  console.error(`page-trace: ${e.stack ?? e.message}`);
  process.exit(1);
});
