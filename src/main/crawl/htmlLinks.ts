// Link extraction without a browser, for the HTTP-only crawl of the link-check phase: one pass over the
// markup with a small tokenizer (comments and script/style bodies skipped, <base href> honoured).
// It sees what the server sent, not what scripts add: the browser gatherer covers rendered links.
import type { LinkTag } from '../artifacts.js';

export interface ExtractedLink {
  /** Absolute URL, fragment kept (same-page fragments are checked against the DOM). */
  url: string;
  tag: LinkTag;
}

/** Attributes that hold a URL, per tag. `data-original`/`data-src`: lazy images on county CMS templates. */
// A Map, not an object literal: a tag named like an Object.prototype member (<constructor>) must not match.
const URL_ATTRIBUTES: ReadonlyMap<string, { attrs: readonly string[]; tag: LinkTag }> = new Map([
  ['a', { attrs: ['href'], tag: 'a' }],
  ['area', { attrs: ['href'], tag: 'area' }],
  ['link', { attrs: ['href'], tag: 'link' }],
  ['img', { attrs: ['src', 'data-src', 'data-original'], tag: 'img' }],
  ['script', { attrs: ['src'], tag: 'script' }],
  ['iframe', { attrs: ['src'], tag: 'iframe' }],
  ['frame', { attrs: ['src'], tag: 'iframe' }],
  ['source', { attrs: ['src'], tag: 'source' }],
  ['embed', { attrs: ['src'], tag: 'embed' }],
  ['object', { attrs: ['data'], tag: 'object' }],
  ['video', { attrs: ['src', 'poster'], tag: 'other' }],
  ['audio', { attrs: ['src'], tag: 'other' }],
]);

const TOKEN = /<!--[\s\S]*?-->|<(script|style)\b([^>]*)>[\s\S]*?<\/\1\s*>|<([a-zA-Z][\w:-]*)\b([^>]*)>/gi;
const ATTRIBUTE = /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

export function extractLinks(html: string, pageUrl: string): ExtractedLink[] {
  const links: ExtractedLink[] = [];
  let base = pageUrl;
  for (const match of html.matchAll(TOKEN)) {
    const name = (match[1] ?? match[3])?.toLowerCase();
    if (!name) continue; // a comment
    const attrText = match[2] ?? match[4] ?? '';
    if (name === 'base') {
      const href = parseAttributes(attrText).get('href');
      if (href) base = resolve(href, pageUrl) ?? base;
      continue;
    }
    const spec = URL_ATTRIBUTES.get(name);
    // Most tags (div, li, p, span…) hold no URL: their attributes are not worth parsing.
    if (!spec) continue;
    const attrs = parseAttributes(attrText);
    for (const attr of spec.attrs) {
      const value = attrs.get(attr);
      const url = value ? resolve(value, base) : null;
      if (url) links.push({ url, tag: spec.tag });
    }
    const srcset = attrs.get('srcset');
    if (srcset) {
      for (const candidate of srcset.split(',')) {
        const url = resolve(candidate.trim().split(/\s+/)[0] ?? '', base);
        if (url) links.push({ url, tag: 'srcset' });
      }
    }
  }
  return links;
}

function parseAttributes(text: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of text.matchAll(ATTRIBUTE)) {
    const name = m[1].toLowerCase();
    if (!attrs.has(name)) attrs.set(name, decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return attrs;
}

function resolve(value: string, base: string): string | null {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  try {
    return new URL(trimmed, base).href;
  } catch {
    return null;
  }
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

function decodeEntities(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, body: string) => {
    if (body[0] === '#') {
      const code =
        body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
  });
}
