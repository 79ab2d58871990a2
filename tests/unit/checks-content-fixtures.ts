// Shared by the checks-* unit tests: artifacts built from real sample pages (../shared/samples), read
// at test time only, and the bundled lexicons loaded once.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { blankPageArtifact, type PageArtifact, type SiteArtifacts } from '../../src/main/artifacts.js';
import type { CheckContext } from '../../src/main/checks/context.js';
import type { LexiconBundle } from '../../src/main/checks/content/lexicon.js';
import { compileScanner, type TextScanner } from '../../src/main/checks/content/scanner.js';
import { loadLexicons } from '../../src/main/resources/lexicons.js';
import { resourcesDir } from '../../src/main/resources/paths.js';

export const SAMPLES = join(import.meta.dirname, '..', '..', '..', 'shared', 'samples');

export function samplePath(relative: string): string {
  return join(SAMPLES, relative);
}

/** Visible text of an HTML file, roughly as innerText gives it (scripts, styles and comments dropped). */
export function htmlText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<br\s*\/?>|<\/(p|div|li|tr|h\d)>/gi, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ');
}

export function readSample(relative: string): string {
  return readFileSync(samplePath(relative), 'utf8');
}

/** `<meta name=… content=…>` pairs of an HTML file. */
export function htmlMeta(html: string): Record<string, string> {
  const meta: Record<string, string> = {};
  for (const m of html.matchAll(/<meta\s+name="([^"]+)"\s+content="([^"]*)"/gi)) meta[m[1]] = m[2];
  return meta;
}

/** Links (a, script) of an HTML file, resolved against `base`. */
export function htmlLinks(html: string, base: string): PageArtifact['links'] {
  const links: PageArtifact['links'] = [];
  for (const m of html.matchAll(/<(a|script)\b[^>]*?(?:href|src)=["']([^"']+)["'][^>]*>([\s\S]*?)<\/\1>/gi)) {
    let url: string;
    try {
      url = new URL(m[2].replace(/&amp;/g, '&'), base).href;
    } catch {
      continue;
    }
    links.push({ url, tag: m[1].toLowerCase() as 'a' | 'script', text: htmlText(m[3]).trim(), box: null });
  }
  return links;
}

export function page(overrides: Partial<PageArtifact> & { url: string }): PageArtifact {
  return blankPageArtifact(overrides.url, {
    status: 200,
    depth: 1,
    fetchedAt: '2025-06-30T02:00:00.000Z',
    durationMs: 100,
    pageHeight: 2000,
    ...overrides,
  });
}

/** A page from a real sample file: its title, meta, text, links; the footer is the text's tail. */
export function samplePage(relative: string, url: string, extra: Partial<PageArtifact> = {}): PageArtifact {
  const html = readSample(relative);
  const text = htmlText(html);
  const marker = Math.max(text.lastIndexOf('网站地图'), text.lastIndexOf('关于我们'), text.length - 1500);
  return page({
    url,
    title: /<title>([\s\S]*?)<\/title>/i.exec(html)?.[1].trim() ?? '',
    meta: htmlMeta(html),
    text,
    footerText: text.slice(marker),
    links: htmlLinks(html, url),
    ...extra,
  });
}

export function site(pages: PageArtifact[], overrides: Partial<SiteArtifacts> = {}): SiteArtifacts {
  return {
    site: { id: 1, name: '中国宜春', url: 'https://www.yichun.gov.cn/', siteCode: null },
    pages,
    links: [],
    probes: [],
    linkSources: {},
    ...overrides,
  };
}

let bundle: LexiconBundle | null = null;
export function lexicons(): LexiconBundle {
  bundle ??= loadLexicons(join(resourcesDir(), 'lexicon'));
  return bundle;
}

let defaultScanner: TextScanner | null = null;
/** The bundled lexicons without leaders, compiled once per test file (a few seconds on two cores). */
export function bundledScanner(): TextScanner {
  defaultScanner ??= compileScanner(lexicons(), { leaders: [], asOf: '2025-06-30' });
  return defaultScanner;
}

export function context(overrides: Partial<CheckContext> = {}): CheckContext {
  const lex = overrides.lexicons ?? lexicons();
  return {
    asOf: '2025-06-30',
    siteUrl: 'https://www.yichun.gov.cn/',
    lexicons: lex,
    scanner: overrides.scanner ?? bundledScanner(),
    siteWhitelist: [],
    offline: true,
    ...overrides,
  };
}
