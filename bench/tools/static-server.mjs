// A small static server for measuring the built site as it is published: it serves the files of the
// output folder with the headers, redirects, 404 rewrite and MIME types of its staticwebapp.config.json
// (as Azure Static Web Apps does) and compresses text answers with gzip when the browser accepts it.
// No live-reload script, no registration API: only what the static host sends.
// Usage: node static-server.mjs --root DIR [--port N] [--level N]
// Prints "listening on http://localhost:N/" once ready; stops on SIGINT/SIGTERM.

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 && at + 1 < args.length ? args[at + 1] : fallback;
};
const root = path.resolve(option('--root', '.'));
const port = Number(option('--port', '8791'));
const level = Number(option('--level', '6'));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.pdf': 'application/pdf',
};
const COMPRESSIBLE = /^(text\/|application\/(json|xml|javascript|atom\+xml|rss\+xml|manifest\+json)|image\/svg\+xml)/;

function loadConfig() {
  const file = path.join(root, 'staticwebapp.config.json');
  if (!fs.existsSync(file)) {
    console.error(`static-server: no staticwebapp.config.json in ${root}; serving without its headers`);
    return { routes: [], globalHeaders: {}, responseOverrides: {}, mimeTypes: {} };
  }

  const config = JSON.parse(fs.readFileSync(file, 'utf8'));
  return { routes: config.routes ?? [], globalHeaders: config.globalHeaders ?? {}, responseOverrides: config.responseOverrides ?? {}, mimeTypes: config.mimeTypes ?? {} };
}

const config = loadConfig();

/** Whether a route pattern of the config ("/assets/*", "/en") covers the path. */
function matches(route, pathname) {
  return route.endsWith('*') ? pathname.startsWith(route.slice(0, -1)) : pathname === route;
}

function fileFor(pathname) {
  const full = path.join(root, pathname);
  if (full !== root && !full.startsWith(root + path.sep)) {
    return null;
  }

  try {
    const stat = fs.statSync(full);
    if (stat.isFile()) {
      return { file: full };
    }

    if (stat.isDirectory()) {
      const index = path.join(full, 'index.html');
      if (fs.existsSync(index)) {
        return pathname.endsWith('/') ? { file: index } : { redirect: pathname + '/' };
      }
    }
  } catch {
    // not found
  }

  // trailingSlash "auto": /page serves /page.html when there is one.
  if (!pathname.endsWith('/') && fs.existsSync(full + '.html')) {
    return { file: full + '.html' };
  }

  return null;
}

const compressed = new Map();

function send(request, response, status, file, headers) {
  const extension = path.extname(file).toLowerCase();
  const type = config.mimeTypes[extension] ?? TYPES[extension] ?? 'application/octet-stream';
  const stat = fs.statSync(file);
  let body = fs.readFileSync(file);
  response.setHeader('Content-Type', type);
  response.setHeader('Last-Modified', stat.mtime.toUTCString());
  if (!headers['Cache-Control']) {
    // What the static host sends for files without a route header: revalidate.
    response.setHeader('Cache-Control', 'no-cache');
  }

  if (COMPRESSIBLE.test(type)) {
    response.setHeader('Vary', 'Accept-Encoding');
    if (/\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) {
      const key = `${file}:${stat.mtimeMs}`;
      if (!compressed.has(key)) {
        compressed.set(key, zlib.gzipSync(body, { level }));
      }

      body = compressed.get(key);
      response.setHeader('Content-Encoding', 'gzip');
    }
  }

  response.setHeader('Content-Length', body.length);
  response.writeHead(status);
  response.end(request.method === 'HEAD' ? undefined : body);
}

const server = http.createServer((request, response) => {
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
  } catch {
    response.writeHead(400).end();
    return;
  }

  const headers = { ...config.globalHeaders };
  for (const route of config.routes) {
    if (route.headers && matches(route.route, pathname)) {
      Object.assign(headers, route.headers);
    }
  }

  for (const [name, value] of Object.entries(headers)) {
    response.setHeader(name, value);
  }

  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }

  const redirect = config.routes.find(r => r.redirect && matches(r.route, pathname));
  if (redirect) {
    response.writeHead(redirect.statusCode ?? 302, { Location: redirect.redirect }).end();
    return;
  }

  const found = fileFor(pathname);
  if (found?.redirect) {
    response.writeHead(301, { Location: found.redirect }).end();
  } else if (found?.file) {
    send(request, response, 200, found.file, headers);
  } else {
    const override = config.responseOverrides['404'];
    const page = override?.rewrite && fileFor(override.rewrite)?.file;
    if (page) {
      send(request, response, override.statusCode ?? 404, page, headers);
    } else {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
    }
  }
});

server.keepAliveTimeout = 10000;
server.listen(port, '127.0.0.1', () => console.log(`listening on http://localhost:${port}/ (root ${root}, gzip level ${level})`));
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
