// A small reader for (minified) CSS, enough to measure a stylesheet: it splits the text into rules and
// at-rules, keeps the source offsets of each, and can write the text back with some rules left out.
// It is not a validating parser: it only tracks strings, comments, brackets and braces.

/** Index just after the comment, string or bracketed group that starts at i, or -1 when none starts there. */
function skipToken(css, i) {
  const c = css[i];
  if (c === '/' && css[i + 1] === '*') {
    const end = css.indexOf('*/', i + 2);
    return end < 0 ? css.length : end + 2;
  }

  if (c === '"' || c === "'") {
    let j = i + 1;
    while (j < css.length && css[j] !== c) {
      j += css[j] === '\\' ? 2 : 1;
    }

    return j + 1;
  }

  return -1;
}

/** Index of the brace that closes the block opened at `open`. */
function matchingBrace(css, open) {
  let depth = 0;
  for (let i = open; i < css.length;) {
    const skipped = skipToken(css, i);
    if (skipped >= 0) {
      i = skipped;
      continue;
    }

    if (css[i] === '{') {
      depth++;
    } else if (css[i] === '}') {
      depth--;
      if (depth === 0) {
        return i;
      }
    }

    i++;
  }

  return css.length;
}

// At-rules whose block holds ordinary rules (the others, like @font-face or @keyframes, are kept whole).
const GROUPING = /^@(media|supports|container|layer|document|scope)\b/i;

/**
 * Parses css[start, end) into nodes:
 *   { kind: 'comment' | 'statement' | 'rule' | 'opaque' | 'group', start, end, prelude?, bodyStart?, children? }
 */
export function parseCss(css, start = 0, end = css.length) {
  const nodes = [];
  let i = start;
  while (i < end) {
    while (i < end && /\s/.test(css[i])) {
      i++;
    }

    if (i >= end) {
      break;
    }

    if (css[i] === '/' && css[i + 1] === '*') {
      const after = skipToken(css, i);
      nodes.push({ kind: 'comment', start: i, end: after });
      i = after;
      continue;
    }

    if (css[i] === '}') {
      // A stray closing brace (malformed input): step over it.
      i++;
      continue;
    }

    // The prelude runs to the first '{' or ';' outside strings, comments and brackets.
    const j = nextTopLevel(css, i, end, '{;');
    const prelude = css.slice(i, j).trim();
    if (j >= end || css[j] === ';') {
      nodes.push({ kind: 'statement', start: i, end: Math.min(j + 1, end), prelude });
      i = j + 1;
      continue;
    }

    const close = matchingBrace(css, j);
    if (prelude.startsWith('@')) {
      if (GROUPING.test(prelude)) {
        nodes.push({ kind: 'group', start: i, end: close + 1, prelude, bodyStart: j + 1, children: parseCss(css, j + 1, close) });
      } else {
        nodes.push({ kind: 'opaque', start: i, end: close + 1, prelude, bodyStart: j + 1 });
      }
    } else {
      nodes.push({ kind: 'rule', start: i, end: close + 1, prelude, bodyStart: j + 1 });
    }

    i = close + 1;
  }

  return nodes;
}

/** Every style rule of the tree, at any depth, with the chain of groups around it. */
export function* styleRules(nodes, parents = []) {
  for (const node of nodes) {
    if (node.kind === 'rule') {
      yield { node, parents };
    } else if (node.kind === 'group') {
      yield* styleRules(node.children, [...parents, node]);
    }
  }
}

/**
 * Writes the css back, asking `rewrite(node)` for each style rule: null drops it, a string replaces it,
 * undefined keeps it. Groups left with no rules are dropped too.
 */
export function serialize(css, nodes, rewrite) {
  let out = '';
  for (const node of nodes) {
    if (node.kind === 'rule') {
      const replaced = rewrite(node);
      if (replaced === undefined) {
        out += css.slice(node.start, node.end);
      } else if (replaced !== null) {
        out += replaced;
      }
    } else if (node.kind === 'group') {
      const inner = serialize(css, node.children, rewrite);
      if (/[{]/.test(inner)) {
        out += css.slice(node.start, node.bodyStart) + inner + '}';
      }
    } else {
      out += css.slice(node.start, node.end);
    }
  }

  return out;
}

/**
 * The index of the first of the characters `stops` at or after `from` that is outside strings, comments,
 * parentheses and brackets; `end` when there is none.
 */
function nextTopLevel(text, from, end, stops) {
  let depth = 0;
  for (let i = from; i < end;) {
    const skipped = skipToken(text, i);
    if (skipped >= 0) {
      i = skipped;
      continue;
    }

    const c = text[i];
    if (c === '(' || c === '[') {
      depth++;
    } else if (c === ')' || c === ']') {
      depth--;
    } else if (depth <= 0 && stops.includes(c)) {
      return i;
    }

    i++;
  }

  return end;
}

/** Splits a selector list on its top-level commas. */
export function splitSelectors(prelude) {
  const parts = [];
  let last = 0;
  for (let comma; (comma = nextTopLevel(prelude, last, prelude.length, ',')) < prelude.length; last = comma + 1) {
    parts.push(prelude.slice(last, comma).trim());
  }

  parts.push(prelude.slice(last).trim());
  return parts.filter(p => p.length > 0);
}

/** Removes every `name(...)` group (balanced) from a selector. */
function stripFunctional(selector, name) {
  let out = selector;
  for (;;) {
    const at = out.indexOf(name + '(');
    if (at < 0) {
      return out;
    }

    let depth = 0;
    let j = at + name.length;
    for (; j < out.length; j++) {
      if (out[j] === '(') {
        depth++;
      } else if (out[j] === ')') {
        depth--;
        if (depth === 0) {
          break;
        }
      }
    }

    out = out.slice(0, at) + out.slice(j + 1);
  }
}

/**
 * The class names an element chain must carry for the selector to match anything, or null when the
 * selector uses a pseudo-class (:is, :where, :has...) this simple reading cannot decide on.
 * Classes only tested inside :not(...) and attribute selectors ([class*=...]) are not required.
 */
export function requiredClasses(selector) {
  if (/:(is|where|has|matches|-webkit-any|-moz-any)\(/.test(selector)) {
    return null;
  }

  let s = stripFunctional(selector, ':not');
  s = s.replace(/\[(?:[^\]"']|"[^"]*"|'[^']*')*\]/g, '');
  const classes = [];
  for (const m of s.matchAll(/\.((?:[A-Za-z0-9_-]|\\.)+)/g)) {
    classes.push(m[1].replace(/\\(.)/g, '$1'));
  }

  return classes;
}
