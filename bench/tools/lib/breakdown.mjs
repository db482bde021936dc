// What the site's stylesheet and script are made of, and how much of the stylesheet no page can use.
// The bundles are concatenations of DSFR files and theme files (see generator/Assets/AssetBundler.cs);
// each part is found back in the bundle by a piece of its text, so this follows the bundler without
// depending on its code.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { parseCss, styleRules, serialize, splitSelectors, requiredClasses } from './css.mjs';

const KB = 1024;
const kb = bytes => (bytes / KB).toFixed(1);

function gzipper(level) {
  return text => zlib.gzipSync(Buffer.from(text, 'utf8'), { level }).length;
}

const stripBanner = text => text.startsWith('/*!') ? text.slice(text.indexOf('*/') + 2) : text;

/** A stretch of `text` near its start (or end) that holds no url(...), so that it survives the bundler's rewriting. */
function probe(text, fromEnd, length = 80) {
  const urls = [...text.matchAll(/url\([^)]*\)/g)].map(m => [m.index, m.index + m[0].length]);
  const clear = (a, b) => urls.every(([s, e]) => e <= a || s >= b);
  // A licence banner is the same in every DSFR file: never probe with it.
  const first = text.startsWith('/*!') ? text.indexOf('*/') + 2 : 0;
  if (!fromEnd) {
    for (let at = first; at + length <= text.length; at = urls.find(([s]) => s >= at)?.[1] ?? at + 1) {
      if (clear(at, at + length)) {
        return { text: text.slice(at, at + length), offset: at };
      }
    }
  } else {
    for (let end = text.length; end - length >= 0; end--) {
      if (clear(end - length, end)) {
        return { text: text.slice(end - length, end), offset: text.length - end };
      }
    }
  }

  return null;
}

/** Locates known source files inside a bundle and cuts it into named segments (unknown stretches named by `gapName`). */
function segments(bundle, candidates, gapName) {
  const found = [];
  for (const { name, text } of candidates) {
    const body = text.trim();
    if (body.length === 0) {
      continue;
    }

    const head = probe(body, false, 80);
    const tail = probe(body, true, 80);
    if (!head || !tail) {
      continue;
    }

    const headAt = bundle.indexOf(head.text);
    if (headAt < 0) {
      continue;
    }

    const tailAt = bundle.indexOf(tail.text, headAt);
    if (tailAt < 0) {
      continue;
    }

    found.push({ name, start: Math.max(0, headAt - head.offset), end: tailAt + tail.text.length + tail.offset });
  }

  found.sort((a, b) => a.start - b.start);
  const result = [];
  let at = 0;
  for (const part of found) {
    if (part.start < at) {
      continue;
    }

    if (bundle.slice(at, part.start).replace(/[\s{}]/g, '').length > 2) {
      result.push({ name: gapName(result.at(-1)?.name, part.name), start: at, end: part.start });
    } else if (result.length > 0) {
      result.at(-1).end = part.start;
    } else {
      part.start = 0;
    }

    result.push({ ...part });
    at = part.end;
  }

  if (bundle.slice(at).replace(/[\s{}]/g, '').length > 2) {
    result.push({ name: gapName(result.at(-1)?.name, null), start: at, end: bundle.length });
  } else if (result.length > 0) {
    result.at(-1).end = bundle.length;
  }

  return result;
}

function segmentTable(title, bundle, parts, gz) {
  const whole = gz(bundle);
  const lines = [title, `  ${'part'.padEnd(52)} ${'raw KB'.padStart(8)} ${'gz alone'.padStart(9)} ${'gz share'.padStart(9)}`];
  for (const part of parts) {
    const text = bundle.slice(part.start, part.end);
    const share = whole - gz(bundle.slice(0, part.start) + bundle.slice(part.end));
    lines.push(`  ${part.name.padEnd(52)} ${kb(text.length).padStart(8)} ${kb(gz(text)).padStart(9)} ${kb(share).padStart(9)}`);
  }

  lines.push(`  ${'whole bundle'.padEnd(52)} ${kb(bundle.length).padStart(8)} ${kb(whole).padStart(9)}`);
  lines.push('  (gz share = how much smaller the gzipped bundle gets without that part)');
  return lines.join('\n');
}

function classesOfPages(pages) {
  const classes = new Set();
  for (const html of pages) {
    for (const m of html.matchAll(/\sclass\s*=\s*("([^"]*)"|'([^']*)')/gi)) {
      for (const c of (m[2] ?? m[3]).split(/\s+/)) {
        if (c) {
          classes.add(c);
        }
      }
    }
  }

  return classes;
}

/** Every word that appears inside a string literal of the scripts: class names or parts of them that scripts may set. */
function scriptWords(scripts) {
  const words = new Set();
  for (const file of scripts) {
    const js = fs.readFileSync(file, 'utf8');
    for (const m of js.matchAll(/"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'|`([^`]*)`/g)) {
      for (const w of (m[1] ?? m[2] ?? m[3]).split(/[^A-Za-z0-9_-]+/)) {
        if (w) {
          words.add(w);
        }
      }
    }
  }

  return words;
}

const family = c => (c.match(/^[a-z]+-[a-z]+|^[a-z]+/i)?.[0] ?? c);

/** The files the generator's bundles are made of, as { name, text }, in the DSFR's cascade order. */
function sources(kind, theme) {
  const dist = path.join(theme, 'node_modules', '@gouvfr', 'dsfr', 'dist');
  const candidates = [];
  const add = (name, full, strip) => {
    if (fs.existsSync(full)) {
      const text = fs.readFileSync(full, 'utf8');
      candidates.push({ name, text: strip ? stripBanner(text) : text });
    }
  };
  const components = fs.existsSync(path.join(dist, 'component')) ? fs.readdirSync(path.join(dist, 'component')).sort() : [];
  if (kind === 'css') {
    add('dsfr core/core.main.min.css', path.join(dist, 'core', 'core.main.min.css'), true);
    add('dsfr scheme/scheme.min.css', path.join(dist, 'scheme', 'scheme.min.css'), true);
    for (const component of components) {
      const main = `component/${component}/${component}.main.min.css`;
      const relative = fs.existsSync(path.join(dist, main)) ? main : `component/${component}/${component}.min.css`;
      add('dsfr ' + relative, path.join(dist, relative), true);
    }

    add('dsfr core/core.print.min.css', path.join(dist, 'core', 'core.print.min.css'), true);
    add('theme assets/site.css', path.join(theme, 'assets', 'site.css'), false);
  } else {
    add('dsfr core/core.module.min.js', path.join(dist, 'core', 'core.module.min.js'), false);
    add('dsfr scheme/scheme.module.min.js', path.join(dist, 'scheme', 'scheme.module.min.js'), false);
    for (const component of components) {
      add(`dsfr component/${component}/${component}.module.min.js`, path.join(dist, 'component', component, `${component}.module.min.js`), false);
    }

    // The site's script is its behaviour modules joined in name order, as the asset bundler joins them.
    const modules = path.join(theme, 'assets', 'js');
    for (const file of fs.readdirSync(modules).filter(f => f.endsWith('.js')).sort()) {
      add('theme assets/js/' + file, path.join(modules, file), false);
    }
  }

  return candidates;
}

/** The bundle cut into named parts: { name, start, end } offsets in its text. */
export function bundleParts(bundle, kind, theme) {
  const gapName = kind === 'css'
    ? (before, after) => after === 'dsfr core/core.print.min.css' ? 'dsfr utility/icons (subset of used icons)'
      : before === 'theme assets/site.css' ? 'generated CSS (programme filters)'
        : before === undefined ? 'licence banner' : `(unidentified, after ${before})`
    : before => before === undefined ? 'licence banner' : `(unidentified, after ${before})`;
  return segments(bundle, sources(kind, theme), gapName);
}

export function cssBreakdown({ file, url, theme, level, pages, scripts, writePruned }) {
  const gz = gzipper(level);
  const bundle = fs.readFileSync(file, 'utf8');
  const out = [];

  // 1. The parts of the bundle.
  const parts = bundleParts(bundle, 'css', theme);
  out.push(segmentTable(`CSS ${url}: parts`, bundle, parts, gz));

  // 2. Rules no page can use. "Strict": classes found in the pages' HTML and in theme/assets/dynamic-classes.txt.
  // "Safe": also every class a script could set (any word of the scripts' string literals, with or without
  // the fr- prefix, and BASE--word modifiers of used bases).
  const used = classesOfPages(pages);
  const dynamicFile = path.join(theme, 'assets', 'dynamic-classes.txt');
  if (fs.existsSync(dynamicFile)) {
    for (const lineText of fs.readFileSync(dynamicFile, 'utf8').split('\n')) {
      const c = lineText.trim();
      if (c && !c.startsWith('#')) {
        used.add(c);
      }
    }
  }

  const words = scriptWords(scripts);
  const safeUsed = c => used.has(c) || words.has(c) || (c.startsWith('fr-') && words.has(c.slice(3)))
    || (c.includes('--') && used.has(c.slice(0, c.indexOf('--'))) && c.slice(c.indexOf('--') + 2).split('-').some(w => words.has(w)));
  const strictUsed = c => used.has(c);

  const tree = parseCss(bundle);
  const rules = [...styleRules(tree)].map(({ node }) => {
    const selectors = splitSelectors(node.prelude).map(s => ({ text: s, required: requiredClasses(s) }));
    return { node, selectors, bytes: node.end - node.start };
  });
  const deadUnder = test => s => s.required !== null && s.required.some(c => !test(c));
  const droppable = test => new Set(rules.filter(r => r.selectors.every(deadUnder(test))).map(r => r.node));

  const totalRuleBytes = rules.reduce((t, r) => t + r.bytes, 0);
  const opaqueBytes = tree.filter(n => n.kind === 'opaque').reduce((t, n) => t + n.end - n.start, 0);
  const customDecls = [...bundle.matchAll(/(?<=[{;])\s*--[A-Za-z0-9_-]+\s*:(?:[^;}"']|"[^"]*"|'[^']*')*;?/g)];
  const customBytes = customDecls.reduce((t, m) => t + m[0].length, 0);
  out.push('');
  out.push(`CSS ${url}: what the ${kb(bundle.length)} KB raw are`);
  out.push(`  style rules: ${rules.length}, ${kb(totalRuleBytes)} KB; of which custom-property declarations (--x:...): ${customDecls.length}, ${kb(customBytes)} KB`);
  out.push(`  @font-face/@keyframes and other whole at-rules: ${kb(opaqueBytes)} KB`);
  out.push(`  classes used by the pages (HTML + dynamic-classes.txt): ${used.size}; words in scripts' strings: ${words.size}`);

  const report = [];
  let best = bundle;
  for (const [label, test] of [['strict', strictUsed], ['safe', safeUsed]]) {
    const drop = droppable(test);
    const pruned = serialize(bundle, tree, node => drop.has(node) ? null : undefined);
    const dropBytes = rules.filter(r => drop.has(r.node)).reduce((t, r) => t + r.bytes, 0);
    report.push(`  drop rules whose every selector needs an unused class (${label}): ${drop.size} of ${rules.length} rules, `
      + `${kb(dropBytes)} KB raw; bundle ${kb(bundle.length)} -> ${kb(pruned.length)} KB raw, ${kb(gz(bundle))} -> ${kb(gz(pruned))} KB gz (-${kb(gz(bundle) - gz(pruned))})`);
    if (label === 'safe') {
      // Also take the dead selectors out of the rules that stay.
      const dead = deadUnder(test);
      const trimmed = serialize(bundle, tree, node => {
        if (drop.has(node)) {
          return null;
        }

        const rule = rules.find(r => r.node === node);
        const alive = rule.selectors.filter(s => !dead(s));
        return alive.length === rule.selectors.length ? undefined : alive.map(s => s.text).join(',') + bundle.slice(node.bodyStart - 1, node.end);
      });
      report.push(`  ... and remove dead selectors from the rules kept (safe): ${kb(trimmed.length)} KB raw, ${kb(gz(trimmed))} KB gz (-${kb(gz(bundle) - gz(trimmed))})`);
      best = trimmed;
    }
  }

  out.push(...report);

  // 3. Custom properties that nothing reads (no var() in the remaining CSS, not named in a script or a page).
  const pageText = pages.join('\n');
  const named = name => words.has(name) || pageText.includes(name);
  const declaration = /(?<=[{;])(\s*)(--[A-Za-z0-9_-]+)\s*:(?:[^;}"']|"[^"]*"|'[^']*')*;?/g;
  let dead = new Set();
  let text = best;
  for (let round = 0; round < 10; round++) {
    const current = text;
    const read = new Set([...current.matchAll(/var\(\s*(--[A-Za-z0-9_-]+)/g)].map(m => m[1]));
    const defined = new Set([...current.matchAll(declaration)].map(m => m[2]));
    const newlyDead = [...defined].filter(n => !read.has(n) && !named(n));
    if (newlyDead.length === 0) {
      break;
    }

    newlyDead.forEach(n => dead.add(n));
    text = current.replace(declaration, (m, space, name) => dead.has(name) ? '' : m).replace(/;}/g, '}');
  }

  // Rules left empty go too.
  const afterVars = text;
  const cleaned = serialize(afterVars, parseCss(afterVars), node => afterVars.slice(node.bodyStart, node.end - 1).trim() === '' ? null : undefined);
  out.push(`  ... and remove custom properties nothing reads (${dead.size} names): ${kb(cleaned.length)} KB raw, ${kb(gz(cleaned))} KB gz (-${kb(gz(bundle) - gz(cleaned))} in all)`);
  if (writePruned) {
    // For checking the estimate: the same stylesheet with all of the above taken out ("safe" reading).
    fs.mkdirSync(writePruned, { recursive: true });
    const target = path.join(writePruned, path.basename(file));
    fs.writeFileSync(target, cleaned);
    out.push(`  (written to ${target})`);
  }


  // 4. Which families of rules weigh most, and how much of each no page uses.
  const safeDrop = droppable(safeUsed);
  const families = new Map();
  for (const rule of rules) {
    const first = rule.selectors.find(s => s.required && s.required.length > 0);
    let name;
    if (safeDrop.has(rule.node)) {
      const unused = rule.selectors.flatMap(s => s.required ?? []).find(c => !safeUsed(c));
      name = family(unused ?? first?.required[0] ?? '?');
    } else {
      name = first ? family(first.required[0]) : /^(:root|\[data-fr)/.test(rule.selectors[0]?.text ?? '') ? '(:root / theme variables)' : '(element/attribute selectors)';
    }

    const entry = families.get(name) ?? { rules: 0, bytes: 0, dropped: 0 };
    entry.rules++;
    entry.bytes += rule.bytes;
    entry.dropped += safeDrop.has(rule.node) ? rule.bytes : 0;
    families.set(name, entry);
  }

  out.push('');
  out.push(`CSS ${url}: heaviest rule families (by class prefix; raw bytes of whole rules, media queries included)`);
  out.push(`  ${'family'.padEnd(32)} ${'rules'.padStart(6)} ${'raw KB'.padStart(8)} ${'unused KB'.padStart(10)}`);
  for (const [name, entry] of [...families].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, 25)) {
    out.push(`  ${name.padEnd(32)} ${String(entry.rules).padStart(6)} ${kb(entry.bytes).padStart(8)} ${kb(entry.dropped).padStart(10)}`);
  }

  out.push('');
  return out.join('\n');
}

export function jsBreakdown({ file, url, theme, level }) {
  const gz = gzipper(level);
  const bundle = fs.readFileSync(file, 'utf8');
  const parts = bundleParts(bundle, 'js', theme);
  return segmentTable(`JS ${url}: parts`, bundle, parts, gz) + '\n';
}
