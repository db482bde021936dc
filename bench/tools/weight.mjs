// Measures what a first visit of each page downloads, fonts left out: the HTML (inline scripts and styles
// included) plus every stylesheet and script it references, each compressed with gzip as a server would.
// Usage: node weight.mjs SITE_DIR [--level N] [--target KB] [--details] [--theme DIR] [--json FILE]
//        [--write-pruned DIR]   (with --details: writes the stylesheet without what no page uses, to try it)
// Called by bench/weight, which builds the site first; see there.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { parseCss, styleRules, splitSelectors, requiredClasses } from './lib/css.mjs';
import { cssBreakdown, jsBreakdown } from './lib/breakdown.mjs';

const KB = 1024;
const FONT = /\.(woff2?|ttf|otf|eot)(\?|#|$)/i;
const IMAGE = /\.(svg|png|jpe?g|gif|webp|avif|ico|bmp)(\?|#|$)/i;

function parseArgs(argv) {
  const options = { level: 6, target: 80, details: false, theme: null, json: null, site: null, writePruned: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) {
        throw new Error(`${arg} needs a value`);
      }

      return argv[++i];
    };
    switch (arg) {
      case '--level': options.level = Number(value()); break;
      case '--target': options.target = Number(value()); break;
      case '--details': options.details = true; break;
      case '--theme': options.theme = value(); break;
      case '--json': options.json = value(); break;
      case '--write-pruned': options.writePruned = value(); break;
      default:
        if (arg.startsWith('-') || options.site) {
          throw new Error(`unexpected argument '${arg}'`);
        }

        options.site = arg;
    }
  }

  if (!options.site) {
    throw new Error('no site folder given');
  }

  if (!Number.isInteger(options.level) || options.level < 1 || options.level > 9) {
    throw new Error('--level must be 1 to 9');
  }

  return options;
}

function htmlFiles(root) {
  const found = [];
  const walk = dir => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else if (entry.name.endsWith('.html')) {
        found.push(full);
      }
    }
  };
  walk(root);
  return found.sort();
}

const decodeEntities = s => s
  .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
  .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
  .replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

function attributes(text) {
  const result = {};
  for (const m of text.matchAll(/([^\s=/>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g)) {
    const raw = m[2] ?? '';
    result[m[1].toLowerCase()] = decodeEntities(raw.replace(/^["']|["']$/g, ''));
  }

  return result;
}

/** The tags of a page that fetch something, with script bodies and comments taken out first. */
function fetchingTags(html) {
  const bare = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/(<script\b[^>]*>)[\s\S]*?<\/script>/gi, '$1')
    .replace(/(<style\b[^>]*>)[\s\S]*?<\/style>/gi, '$1');
  const tags = [];
  for (const m of bare.matchAll(/<(link|script|img|video|input)\b([^>]*)>/gi)) {
    tags.push({ name: m[1].toLowerCase(), attrs: attributes(m[2]) });
  }

  return tags;
}

function pageClasses(html) {
  const classes = new Set();
  for (const m of html.matchAll(/\sclass\s*=\s*("([^"]*)"|'([^']*)')/gi)) {
    for (const c of (m[2] ?? m[3]).split(/\s+/)) {
      if (c) {
        classes.add(c);
      }
    }
  }

  return classes;
}

class Site {
  constructor(root, level) {
    this.root = path.resolve(root);
    this.level = level;
    this.gzCache = new Map();
    this.cssCache = new Map();
    this.jsCache = new Map();
    this.problems = new Set();
  }

  /** The file behind an address seen from a page, or null for another site or a missing file. */
  resolve(address, fromPage) {
    let url;
    try {
      url = new URL(address, 'http://site.invalid' + fromPage);
    } catch {
      this.problems.add(`unreadable address '${address}' in ${fromPage}`);
      return null;
    }

    if (url.origin !== 'http://site.invalid') {
      if (url.protocol === 'http:' || url.protocol === 'https:') {
        this.problems.add(`external resource not counted: ${address} (in ${fromPage})`);
      }

      return null;
    }

    let pathname = decodeURIComponent(url.pathname);
    if (pathname.endsWith('/')) {
      pathname += 'index.html';
    }

    const file = path.join(this.root, pathname);
    if (!file.startsWith(this.root + path.sep) || !fs.existsSync(file)) {
      this.problems.add(`missing file ${pathname} (referenced by ${fromPage})`);
      return null;
    }

    return file;
  }

  url(file) {
    return '/' + path.relative(this.root, file).split(path.sep).join('/');
  }

  /** Bytes on the wire: gzip for text, as is for binary images. */
  wire(file) {
    if (!this.gzCache.has(file)) {
      const bytes = fs.readFileSync(file);
      const compress = !/\.(png|jpe?g|gif|webp|avif|woff2?)$/i.test(file);
      this.gzCache.set(file, { raw: bytes.length, gz: compress ? zlib.gzipSync(bytes, { level: this.level }).length : bytes.length });
    }

    return this.gzCache.get(file);
  }

  /** A stylesheet with what it imports, and the images its rules point at (with the selectors of those rules). */
  stylesheet(file) {
    if (this.cssCache.has(file)) {
      return this.cssCache.get(file);
    }

    const entry = { imports: [], images: [] };
    this.cssCache.set(file, entry);
    const css = fs.readFileSync(file, 'utf8');
    const from = this.url(file);
    const tree = parseCss(css);
    for (const node of tree) {
      if (node.kind === 'statement' && /^@import\b/i.test(node.prelude)) {
        const m = node.prelude.match(/^@import\s+(?:url\(\s*)?["']?([^"')\s]+)/i);
        const target = m && this.resolve(m[1], from);
        if (target) {
          entry.imports.push(target);
        }
      }
    }

    for (const { node } of styleRules(tree)) {
      const body = css.slice(node.bodyStart, node.end - 1);
      for (const m of body.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)) {
        if (m[1].startsWith('data:') || FONT.test(m[1]) || !IMAGE.test(m[1])) {
          continue;
        }

        const target = this.resolve(m[1], from);
        if (target) {
          entry.images.push({ file: target, selectors: splitSelectors(node.prelude).map(requiredClasses) });
        }
      }
    }

    return entry;
  }

  /** A module script with the modules it imports statically. */
  script(file, seen) {
    if (seen.has(file)) {
      return;
    }

    seen.add(file);
    if (!this.jsCache.has(file)) {
      const js = fs.readFileSync(file, 'utf8');
      const from = this.url(file);
      const imports = [];
      for (const m of js.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+)["']/g)) {
        const target = this.resolve(m[1], from);
        if (target) {
          imports.push(target);
        }
      }

      this.jsCache.set(file, imports);
    }

    for (const target of this.jsCache.get(file)) {
      this.script(target, seen);
    }
  }

  measure(file) {
    const page = this.url(file);
    const html = fs.readFileSync(file, 'utf8');
    const css = new Set();
    const js = new Set();
    const images = new Set();
    const addCss = target => {
      if (!css.has(target)) {
        css.add(target);
        this.stylesheet(target).imports.forEach(addCss);
      }
    };

    for (const { name, attrs } of fetchingTags(html)) {
      const rel = (attrs.rel ?? '').toLowerCase().split(/\s+/);
      if (name === 'link' && attrs.href) {
        if (rel.includes('stylesheet') || (rel.includes('preload') && attrs.as === 'style')) {
          const target = this.resolve(attrs.href, page);
          if (target) {
            addCss(target);
          }
        } else if (rel.includes('modulepreload') || (rel.includes('preload') && attrs.as === 'script')) {
          const target = this.resolve(attrs.href, page);
          if (target) {
            this.script(target, js);
          }
        } else if (rel.includes('icon') || (rel.includes('preload') && attrs.as === 'image')) {
          const target = this.resolve(attrs.href, page);
          if (target) {
            images.add(target);
          }
        }
      } else if (name === 'script' && attrs.src) {
        const target = this.resolve(attrs.src, page);
        if (target) {
          this.script(target, js);
        }
      } else if (name === 'img' && (attrs.src || attrs.srcset)) {
        const target = this.resolve(attrs.src ?? attrs.srcset.trim().split(/\s+/)[0], page);
        if (target) {
          images.add(target);
        }
      } else if ((name === 'video' && attrs.poster) || (name === 'input' && attrs.type === 'image' && attrs.src)) {
        const target = this.resolve(attrs.poster ?? attrs.src, page);
        if (target) {
          images.add(target);
        }
      }
    }

    // Images drawn by the stylesheet: counted when some selector of the rule could match this page, judged
    // from the classes in its HTML only (an estimate: states set later by scripts are not seen).
    const classes = pageClasses(html);
    for (const sheet of css) {
      for (const { file: image, selectors } of this.stylesheet(sheet).images) {
        if (!images.has(image) && selectors.some(required => required === null || required.every(c => classes.has(c)))) {
          images.add(image);
        }
      }
    }

    const sum = files => [...files].reduce((total, f) => total + this.wire(f).gz, 0);
    const htmlWire = this.wire(file);
    const result = {
      page,
      html: htmlWire.gz,
      htmlRaw: htmlWire.raw,
      css: sum(css),
      js: sum(js),
      images: sum(images),
      imageCount: images.size,
      cssFiles: [...css].map(f => this.url(f)),
      jsFiles: [...js].map(f => this.url(f)),
    };
    result.total = result.html + result.css + result.js;
    return result;
  }
}

const kb = bytes => (bytes / KB).toFixed(1);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const site = new Site(options.site, options.level);
  const files = htmlFiles(site.root);
  if (files.length === 0) {
    throw new Error(`no .html file in ${site.root}`);
  }

  const rows = files.map(f => site.measure(f)).sort((a, b) => b.total - a.total || a.page.localeCompare(b.page));
  const targetBytes = options.target * KB;

  if (options.details) {
    const theme = options.theme ?? path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../theme');
    const stylesheets = [...new Set(rows.flatMap(r => r.cssFiles))];
    const scripts = [...new Set(rows.flatMap(r => r.jsFiles))];
    for (const sheet of stylesheets) {
      console.log(cssBreakdown({ file: path.join(site.root, sheet), url: sheet, theme, level: options.level, pages: files.map(f => fs.readFileSync(f, 'utf8')), scripts: scripts.map(s => path.join(site.root, s)), writePruned: options.writePruned }));
    }

    for (const script of scripts) {
      console.log(jsBreakdown({ file: path.join(site.root, script), url: script, theme, level: options.level }));
    }
  }

  const width = Math.max(4, ...rows.map(r => r.page.length));
  const line = (page, html, css, js, total, img, flag) =>
    `${page.padEnd(width)}  ${html.padStart(7)}  ${css.padStart(7)}  ${js.padStart(7)}  ${total.padStart(8)}  ${img.padStart(8)}  ${flag}`;
  console.log(`Page weight of a first visit, fonts excluded, gzip level ${options.level}; KB = 1024 bytes.`);
  console.log('html includes inline <script>/<style>; css and js are the referenced files (link rel=stylesheet, script src,');
  console.log('modulepreload, CSS @import, static JS import). img* is NOT in total: <img>/icon plus CSS images whose rule');
  console.log('could match the page (estimate from its classes); SVG gzipped, binary images as is.');
  console.log('');
  console.log(line('page', 'html', 'css', 'js', 'total', 'img*', ''));
  console.log(line('-'.repeat(width), '-------', '-------', '-------', '--------', '--------', ''));
  for (const r of rows) {
    console.log(line(r.page, kb(r.html), kb(r.css), kb(r.js), kb(r.total), `${kb(r.images)}/${r.imageCount}`, r.total > targetBytes ? `OVER ${options.target}` : ''));
  }

  const max = rows[0];
  const over = rows.filter(r => r.total > targetBytes).length;
  console.log('');
  console.log(`pages: ${rows.length}, over ${options.target} KB: ${over}`);
  console.log(`max:    ${kb(max.total)} KB  (${max.page})`);
  console.log(`median: ${kb(median(rows.map(r => r.total)))} KB  (html ${kb(median(rows.map(r => r.html)))}, css ${kb(median(rows.map(r => r.css)))}, js ${kb(median(rows.map(r => r.js)))}, img* ${kb(median(rows.map(r => r.images)))})`);
  for (const problem of site.problems) {
    console.log(`warning: ${problem}`);
  }

  console.log('');
  for (const [label, page] of [['home', '/index.html'], ['en home', '/en/index.html']]) {
    const r = rows.find(x => x.page === page);
    if (!r) {
      console.log(`${label}: no ${page} in the site`);
      continue;
    }

    const verdict = r.total > targetBytes ? `  OVER by ${kb(r.total - targetBytes)} KB` : '  ok';
    console.log(`${label}: ${kb(r.total)} KB (html ${kb(r.html)}, css ${kb(r.css)}, js ${kb(r.js)}) gzip, target ${options.target} KB${verdict}`);
  }

  if (options.json) {
    fs.mkdirSync(path.dirname(options.json), { recursive: true });
    fs.writeFileSync(options.json, JSON.stringify({ level: options.level, targetKB: options.target, pages: rows }, null, 2));
  }
}

try {
  main();
} catch (e) {
  console.error(`weight: ${e.message}`);
  process.exit(2);
}
