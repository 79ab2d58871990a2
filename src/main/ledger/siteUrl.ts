// Home-page URLs as people type them into a ledger: full-width letters and punctuation from a Chinese input
// method (ｗｗｗ．ａ．ｇｏｖ．ｃｎ, 。 for the dot), no scheme, Chinese domain names. The result is the same
// WHATWG href the CLI's --site gives, so the same site typed either way is one ledger entry.

export type SiteUrlResult = { url: string } | { error: string };

/** Characters an input method puts in place of a dot. */
const IDEOGRAPHIC_DOTS = /[。｡．]/g;
/** Whitespace anywhere (a URL never holds a raw space) and invisible characters pasted from web pages or Word. */
const INVISIBLE = /[\s\u200b-\u200d\u2060\ufeff]/g;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/** A normalised http(s) home-page URL, or a Chinese message saying what is wrong with it. */
export function normaliseSiteUrl(raw: string): SiteUrlResult {
  const typed = raw.normalize('NFKC').replace(INVISIBLE, '').replace(IDEOGRAPHIC_DOTS, '.');
  if (!typed) return { error: '首页网址为空' };
  const scheme = SCHEME.exec(typed)?.[1].toLowerCase();
  // "www.a.gov.cn:8080/x" and "localhost:8080" have no scheme: what precedes the colon is a host.
  const isHostAndPort =
    scheme !== undefined && (scheme.includes('.') || /^:\d/.test(typed.slice(scheme.length)));
  if (scheme && !isHostAndPort && scheme !== 'http' && scheme !== 'https') {
    return {
      error: `网址“${raw.trim()}”使用了不允许的协议“${scheme}:”，首页网址只能是 http:// 或 https:// 开头的网址`,
    };
  }
  const withScheme = scheme && !isHostAndPort ? typed : `http://${typed.replace(/^\/\//, '')}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { error: `网址“${raw.trim()}”格式不正确` };
  }
  if (url.username || url.password) return { error: `网址“${raw.trim()}”中含有用户名或密码，台账中不应保存` };
  const host = url.hostname.replace(/\.$/, '');
  if (!host.includes('.') && host !== 'localhost' && !host.startsWith('[')) {
    return { error: `网址“${raw.trim()}”的域名“${host}”不完整` };
  }
  url.hostname = host;
  return { url: url.href };
}
