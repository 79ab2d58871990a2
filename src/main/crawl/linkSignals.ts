// What an HTTP answer means beyond its status: a "200" that is really a 404 page, a WAF challenge, an
// attachment. The phrase lists are defaults (LinkCheckOptions can replace them); they belong in
// resources/ once the lead wires a lexicon loader.

/** Phrases of real 404 pages served with status 200 (seen on county portals' CMS error templates). */
export const SOFT_404_PHRASES: readonly string[] = [
  '页面不存在',
  '页面未找到',
  '页面找不到',
  '找不到页面',
  '找不到您要',
  '找不到该页面',
  '无法找到该页',
  '页面已删除',
  '页面已被删除',
  '信息已删除',
  '文章不存在',
  '信息不存在',
  '内容不存在',
  '您访问的页面不存在',
  '404 not found',
  'page not found',
];

/** Markers of anti-bot and WAF answers (知道创宇/加速乐, 安全狗, 云锁, 阿里云/腾讯云 WAF, Cloudflare). */
export const WAF_MARKERS: readonly string[] = [
  '__jsluid',
  'jsl_clearance',
  'acw_sc__v2',
  'acw_tc',
  'safedog',
  '安全狗',
  'yunsuo',
  '云锁',
  'waf',
  'cdn-cgi/challenge',
  'captcha',
  '验证码',
  '人机验证',
  '访问被拦截',
  '请求被拦截',
  '您的访问被阻断',
  '安全拦截',
];

/** Statuses anti-bot systems use for challenges: 412 (瑞数), 521 (加速乐). */
export const CHALLENGE_STATUSES: ReadonlySet<number> = new Set([412, 521]);

export const ATTACHMENT_EXTENSIONS: ReadonlySet<string> = new Set([
  'doc',
  'docx',
  'xls',
  'xlsx',
  'ppt',
  'pptx',
  'pdf',
  'zip',
  'rar',
  '7z',
  'wps',
  'et',
  'dps',
  'ofd',
  'txt',
  'csv',
]);

/** Resources whose body is never HTML: checked with HEAD first. */
const STATIC_EXTENSIONS: ReadonlySet<string> = new Set([
  'jpg',
  'jpeg',
  'png',
  'gif',
  'bmp',
  'webp',
  'svg',
  'ico',
  'css',
  'js',
  'mp4',
  'mp3',
  'flv',
  'swf',
  'woff',
  'woff2',
  'ttf',
]);

const SKIPPED_SCHEMES: ReadonlySet<string> = new Set([
  'mailto:',
  'tel:',
  'javascript:',
  'data:',
  'sms:',
  'about:',
]);

export function urlExtension(url: string): string {
  const path = new URL(url).pathname;
  const dot = path.lastIndexOf('.');
  return dot > path.lastIndexOf('/') ? path.slice(dot + 1).toLowerCase() : '';
}

export function isAttachment(url: string): boolean {
  return ATTACHMENT_EXTENSIONS.has(urlExtension(url));
}

/** Attachments and static resources are checked with HEAD; pages with GET (their body shows a soft 404). */
export function prefersHead(url: string): boolean {
  const ext = urlExtension(url);
  return ATTACHMENT_EXTENSIONS.has(ext) || STATIC_EXTENSIONS.has(ext);
}

/** Why a URL is not checked over HTTP (mailto:, tel:, javascript:, …), or null for http(s). */
export function skipReason(url: string): string | null {
  const scheme = /^([a-z][a-z0-9+.-]*:)/i.exec(url.trim())?.[1]?.toLowerCase();
  if (scheme === 'http:' || scheme === 'https:') return null;
  if (scheme && SKIPPED_SCHEMES.has(scheme)) return `${scheme.slice(0, -1)} link`;
  return scheme ? `unsupported scheme ${scheme}` : 'not an absolute URL';
}

/** Largest body still read as a possible soft 404: real error templates are small. */
export const SOFT_404_MAX_BYTES = 64 * 1024;
const SOFT_404_MAX_TEXT = 2000;

/** "404", "404 Not Found", "404错误", "错误404", "Error 404" — but not "第404页" (page 404 of a list). */
const NOT_FOUND_TITLE = /^\s*404\b|\b404\s*(not found|错误|页面|error)|(错误|error)\s*404\b/i;

/** A small HTML page whose title says 404, or whose short visible text carries a not-found phrase. */
export function looksLikeSoft404(html: string, phrases: readonly string[] = SOFT_404_PHRASES): boolean {
  const title = (/<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? '').toLowerCase();
  if (NOT_FOUND_TITLE.test(title) || phrases.some((p) => title.includes(p))) return true;
  const text = visibleText(html).toLowerCase();
  return text.length <= SOFT_404_MAX_TEXT && phrases.some((p) => text.includes(p));
}

export function looksLikeChallenge(body: string, markers: readonly string[] = WAF_MARKERS): boolean {
  const lower = body.slice(0, SOFT_404_MAX_BYTES).toLowerCase();
  return markers.some((m) => lower.includes(m.toLowerCase()));
}

function visibleText(html: string): string {
  return html
    .replace(/<(script|style|noscript)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
