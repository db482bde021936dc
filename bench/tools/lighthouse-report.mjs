// Reads Lighthouse JSON reports and prints, per page and preset: the four category scores, the key
// performance metrics, every audit of those categories that is not fully passed (with the elements, URLs
// or items it points at), and a last summary line against the targets.
// Usage: node lighthouse-report.mjs PRESET|PAGE|REPORT.json ...   (several runs of a page: the median
// performance run is the one shown)

import fs from 'node:fs';

const CATEGORIES = [
  ['performance', 'perf', 95],
  ['accessibility', 'a11y', 100],
  ['best-practices', 'bp', 95],
  ['seo', 'seo', 95],
];
const METRICS = [
  ['first-contentful-paint', 'FCP', v => `${(v / 1000).toFixed(2)} s`],
  ['largest-contentful-paint', 'LCP', v => `${(v / 1000).toFixed(2)} s`],
  ['total-blocking-time', 'TBT', v => `${Math.round(v)} ms`],
  ['cumulative-layout-shift', 'CLS', v => v.toFixed(3)],
  ['speed-index', 'SI', v => `${(v / 1000).toFixed(2)} s`],
];
const MAX_ITEMS = 8;

const score = (report, id) => {
  const s = report.categories[id]?.score;
  return s === null || s === undefined ? null : Math.round(s * 100);
};

function clip(text, length = 160) {
  const flat = String(text).replace(/\s+/g, ' ').trim();
  return flat.length > length ? flat.slice(0, length - 1) + '…' : flat;
}

/** One readable line for a details item: the element, the URL, and the figures that matter. */
function describeItem(item) {
  const parts = [];
  const node = item.node ?? (item.type === 'node' ? item : null);
  if (node) {
    parts.push(node.selector ? `${node.selector}` : '', node.snippet ? clip(node.snippet, 140) : '');
    if (node.explanation) {
      parts.push(`— ${clip(node.explanation, 220)}`);
    }
  }

  for (const key of ['url', 'source', 'description', 'issueType', 'label', 'group', 'groupLabel', 'statistic', 'entity']) {
    const value = item[key];
    if (value && typeof value === 'object' && value.type === 'source-location') {
      parts.push(`${value.url}:${value.line}:${value.column}`);
    } else if (value && typeof value !== 'object') {
      const text = String(value).replace(/\s+/g, ' ');
      // Long console messages (a Content-Security-Policy report) say what matters at their end.
      parts.push(key === 'description' && text.length > 400 ? `${text.slice(0, 150)} … ${text.slice(-250)}` : clip(text, 160));
    } else if (value && typeof value === 'object' && value.type === 'numeric') {
      parts.push(String(value.value));
    }
  }

  for (const [key, unit] of [['wastedBytes', 'B wasted'], ['totalBytes', 'B'], ['transferSize', 'B transfer'], ['wastedMs', 'ms wasted'], ['duration', 'ms'], ['score', 'shift'], ['total', 'ms total'], ['scripting', 'ms scripting']]) {
    if (typeof item[key] === 'number') {
      parts.push(`${Math.round(item[key] * (key === 'score' ? 1000 : 1)) / (key === 'score' ? 1000 : 1)} ${unit}`);
    }
  }

  if (item.subItems?.items?.length) {
    parts.push(`[${item.subItems.items.slice(0, 4).map(s => clip(describeItem(s), 120)).join('; ')}]`);
  }

  return parts.filter(Boolean).join('  ');
}

function detailLines(audit) {
  const details = audit.details;
  if (!details) {
    return [];
  }

  if (details.type === 'criticalrequestchain') {
    return [`longest chain: ${details.longestChain?.length} requests, ${Math.round(details.longestChain?.duration ?? 0)} ms`];
  }

  if (details.type === 'list') {
    return details.items.flatMap(entry => detailLines({ details: entry })).slice(0, MAX_ITEMS);
  }

  const items = details.items ?? [];
  const lines = items.slice(0, MAX_ITEMS).map(describeItem).filter(Boolean);
  if (items.length > MAX_ITEMS) {
    lines.push(`… and ${items.length - MAX_ITEMS} more`);
  }

  return lines;
}

function failing(report) {
  const seen = new Set();
  const result = [];
  for (const [id] of CATEGORIES) {
    for (const ref of report.categories[id]?.auditRefs ?? []) {
      const audit = report.audits[ref.id];
      if (!audit || seen.has(ref.id) || audit.score === null || audit.score >= 1 || ['manual', 'notApplicable', 'informative'].includes(audit.scoreDisplayMode)) {
        continue;
      }

      seen.add(ref.id);
      result.push({ category: id, weight: ref.weight, audit });
    }
  }

  return result;
}

function main() {
  const entries = process.argv.slice(2).map(arg => {
    const [preset, page, file] = arg.split('|');
    return { preset, page, file, report: JSON.parse(fs.readFileSync(file, 'utf8')) };
  });
  if (entries.length === 0) {
    console.error('lighthouse-report: no report given');
    process.exit(2);
  }

  // Group the runs of each page and preset; keep the median one by performance score.
  const groups = new Map();
  for (const entry of entries) {
    const key = `${entry.preset}|${entry.page}`;
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }

  const first = entries[0].report;
  console.log(`Lighthouse ${first.lighthouseVersion}, ${first.environment?.hostUserAgent?.match(/(Headless)?Chrome\/[\d.]+/)?.[0] ?? 'Chrome'}, `
    + `throttling: ${first.configSettings.throttlingMethod}, CPU benchmark index of this machine: ${first.environment?.benchmarkIndex}`);

  const summaries = [];
  for (const runs of groups.values()) {
    runs.sort((a, b) => score(a.report, 'performance') - score(b.report, 'performance'));
    const chosen = runs[Math.floor((runs.length - 1) / 2)];
    const r = chosen.report;
    console.log('');
    console.log(`=== ${chosen.page} (${chosen.preset})  ${r.finalDisplayedUrl}`);
    // Each run's CPU benchmark index beside its score: Lighthouse multiplies the CPU time it observes by 4,
    // so on a shared machine a run measured while the host was busy (a low index) scores lower.
    const perfRuns = `  [performance${runs.length > 1 ? ` of the ${runs.length} runs` : ''} and CPU benchmark index: `
      + `${runs.map(x => `${score(x.report, 'performance')} at ${Math.round(x.report.environment?.benchmarkIndex ?? 0)}`).join(', ')}]`;
    console.log('scores:  ' + CATEGORIES.map(([id, label]) => `${label} ${score(r, id) ?? '-'}`).join('  ') + perfRuns);
    console.log('metrics: ' + METRICS.map(([id, label, format]) => {
      const audit = r.audits[id];
      return `${label} ${audit?.numericValue === undefined ? '-' : format(audit.numericValue)}${audit?.score !== undefined && audit?.score !== null ? ` (${Math.round(audit.score * 100)})` : ''}`;
    }).join('  '));
    for (const warning of r.runWarnings ?? []) {
      console.log(`warning: ${clip(warning, 300)}`);
    }

    const broken = Object.values(r.audits).filter(a => a.scoreDisplayMode === 'error');
    if (broken.length > 0) {
      const causes = [...new Set(broken.map(a => clip(a.errorMessage ?? '', 140)))];
      console.log(`warning: ${broken.length} audits could not run with this Chromium (${broken.map(a => a.id).join(', ')}): ${causes.join(' | ')}`);
    }

    const problems = failing(r);
    if (problems.length === 0) {
      console.log('every audit passed');
    }

    for (const { category, weight, audit } of problems) {
      console.log(`- [${category}${weight ? `, weight ${weight}` : ''}] ${audit.id}: ${audit.title}  score ${Math.round(audit.score * 100) / 100}${audit.displayValue ? `  (${clip(audit.displayValue, 80)})` : ''}`);
      for (const line of detailLines(audit)) {
        console.log(`    ${line}`);
      }
    }

    const verdicts = CATEGORIES.map(([id, label, target]) => {
      const s = score(r, id);
      return s === null ? `${label} -` : `${label} ${s}${s >= target ? '' : ` (<${target})`}`;
    });
    const ok = CATEGORIES.every(([id, , target]) => (score(r, id) ?? 0) >= target);
    summaries.push(`summary ${chosen.page} ${chosen.preset}: ${verdicts.join(', ')}; `
      + METRICS.map(([id, label, format]) => `${label} ${r.audits[id]?.numericValue === undefined ? '-' : format(r.audits[id].numericValue)}`).join(', ')
      + (ok ? '  — on target' : '  — BELOW TARGET'));
  }

  console.log('');
  console.log('targets: performance >= 95, accessibility 100, best practices >= 95, SEO >= 95');
  summaries.forEach(line => console.log(line));
}

main();
