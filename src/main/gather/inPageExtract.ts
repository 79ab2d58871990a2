// The script that runs inside the audited page after it rendered. It is plain JavaScript in a string on
// purpose: a compiled TypeScript function would carry bundler helpers (e.g. esbuild's __name) that do not
// exist in the page. It reads the DOM only; it never changes what the page shows, except scrolling.
import type { PageArtifact } from '../artifacts.js';

/** The part of a page artifact that the DOM alone tells. */
export type InPageExtract = Pick<
  PageArtifact,
  | 'title'
  | 'meta'
  | 'text'
  | 'textBlocks'
  | 'headerText'
  | 'footerText'
  | 'links'
  | 'blocks'
  | 'anchors'
  | 'hasSearchForm'
  | 'pageHeight'
>;

const IN_PAGE_EXTRACT_FN = String.raw`((opts) => {
  const MAX_TEXT = 400000;
  const clean = (s) => (s || '').replace(/[\s\u00a0\u3000]+/g, ' ').trim();
  const boxOf = (el) => {
    if (!el || !el.getBoundingClientRect) return null;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) return null;
    return { x: Math.round(r.left + window.scrollX), y: Math.round(r.top + window.scrollY), width: Math.round(r.width), height: Math.round(r.height) };
  };
  const abs = (u) => { try { return new URL(u, document.baseURI).href; } catch (e) { return null; } };
  const MORE = /^(更多|more|>>|»|更多>>|更多>|MORE\+?|\+更多|更多\+|查看更多)$/i;

  const meta = {};
  for (const m of document.querySelectorAll('meta[name], meta[property], meta[http-equiv]')) {
    const k = m.getAttribute('name') || m.getAttribute('property') || m.getAttribute('http-equiv');
    if (k && !(k in meta)) meta[k] = m.getAttribute('content') || '';
  }

  // Links of every kind with the element's box.
  const links = [];
  const seen = new Set();
  const add = (url, tag, text, el) => {
    const href = abs(url);
    if (!href) return;
    const key = tag + ' ' + href;
    if (seen.has(key)) return;
    seen.add(key);
    links.push({ url: href, tag, text: clean(text).slice(0, 200), box: boxOf(el) });
  };
  for (const a of document.querySelectorAll('a[href], area[href]')) add(a.getAttribute('href'), a.tagName === 'AREA' ? 'area' : 'a', a.innerText || a.getAttribute('title') || a.getAttribute('alt') || '', a);
  for (const el of document.querySelectorAll('img[src]')) add(el.currentSrc || el.getAttribute('src'), 'img', el.getAttribute('alt') || '', el);
  for (const el of document.querySelectorAll('img[srcset], source[srcset]')) {
    for (const part of (el.getAttribute('srcset') || '').split(',')) { const u = part.trim().split(/\s+/)[0]; if (u) add(u, 'srcset', '', el); }
  }
  for (const el of document.querySelectorAll('script[src]')) add(el.getAttribute('src'), 'script', '', null);
  for (const el of document.querySelectorAll('link[href]')) { const rel = (el.getAttribute('rel') || '').toLowerCase(); if (/stylesheet|icon/.test(rel)) add(el.getAttribute('href'), 'link', rel, null); }
  for (const el of document.querySelectorAll('iframe[src], frame[src]')) add(el.getAttribute('src'), 'iframe', el.getAttribute('title') || '', el);
  for (const el of document.querySelectorAll('source[src], video[src], audio[src]')) add(el.getAttribute('src'), 'source', '', el);
  for (const el of document.querySelectorAll('embed[src]')) add(el.getAttribute('src'), 'embed', '', el);
  for (const el of document.querySelectorAll('object[data]')) add(el.getAttribute('data'), 'object', '', el);

  // Page furniture: header and footer text, by semantics first, then by common class names, then by position.
  const pick = (sels) => { for (const s of sels) { const el = document.querySelector(s); if (el && clean(el.innerText)) return el; } return null; };
  const headerEl = pick(['header', '#header', '.header', '[class*="header"]', '[id*="header"]', '[class*="top"]', '[class*="banner"]']);
  const footerEl = pick(['footer', '#footer', '.footer', '[class*="footer"]', '[id*="footer"]', '[class*="foot"]', '[id*="foot"]', '[class*="bottom"]', '[id*="bottom"]', '[class*="copyright"]']);
  const bodyText = clean(document.body ? document.body.innerText : '').slice(0, MAX_TEXT);
  let footerText = footerEl ? clean(footerEl.innerText) : '';
  if (!footerText) footerText = bodyText.slice(-600);
  const headerText = headerEl ? clean(headerEl.innerText).slice(0, 600) : bodyText.slice(0, 300);

  // Text blocks with their role, for content checks that report the sentence and the element's box.
  const textBlocks = [];
  const roleOf = (el) => {
    if (el.closest('h1,h2,h3,h4,h5,h6,.title,.tit,[class*="title"]')) return el.closest('h1,.article-title,[class*="article"] [class*="title"]') ? 'title' : 'heading';
    if (footerEl && footerEl.contains(el)) return 'footer';
    if (headerEl && headerEl.contains(el)) return 'header';
    if (el.closest('nav,[class*="nav"],[class*="menu"]')) return 'nav';
    return 'body';
  };
  textBlocks.push({ text: clean(document.title), role: 'title', box: null });
  const blockSel = 'h1,h2,h3,h4,h5,h6,p,li,td,th,dd,dt,span,a,div';
  const hasOwnText = (el) => Array.from(el.childNodes).some((n) => n.nodeType === 3 && clean(n.nodeValue).length >= 2);
  let total = 0;
  for (const el of document.querySelectorAll(blockSel)) {
    if (total > MAX_TEXT) break;
    // Keep only elements whose own text is not just the sum of block children, so each sentence appears once.
    let own = '';
    for (const n of el.childNodes) if (n.nodeType === 3) own += n.nodeValue;
    own = clean(own);
    if (own.length < 2) continue;
    // An inline element inside a sentence is already part of its parent's text.
    if ((el.tagName === 'A' || el.tagName === 'SPAN') && el.parentElement && hasOwnText(el.parentElement)) continue;
    const text = clean(el.innerText);
    if (!text) continue;
    total += text.length;
    textBlocks.push({ text, role: roleOf(el), box: boxOf(el) });
  }

  // List blocks: a list of rows under a heading or tab, with its 更多 link.
  const rowsOf = (list) => {
    const tag = list.tagName;
    if (tag === 'UL' || tag === 'OL') return Array.from(list.children).filter((c) => c.tagName === 'LI');
    if (tag === 'TABLE' || tag === 'TBODY') return Array.from(list.querySelectorAll(':scope > tr, :scope > tbody > tr'));
    if (tag === 'DL') return Array.from(list.children).filter((c) => c.tagName === 'DD' || c.tagName === 'DT');
    return [];
  };
  // Text of a row with a space between text nodes: table cells and spans must not run together, or
  // "2026-11-21" and "2026-11-21" in two cells would read as one number.
  const spacedText = (el) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const parts = [];
    while (walker.nextNode()) parts.push(walker.currentNode.nodeValue);
    return clean(parts.join(' '));
  };
  const itemOf = (row) => {
    const anchors = Array.from(row.querySelectorAll('a[href]'));
    let best = null;
    for (const a of anchors) { const t = clean(a.getAttribute('title') || a.innerText || a.textContent); if (!MORE.test(t) && (!best || t.length > best.t.length)) best = { a, t }; }
    return { title: best ? best.t : clean(row.textContent).slice(0, 200), url: best ? abs(best.a.getAttribute('href')) : null, rowText: spacedText(row).slice(0, 500) };
  };
  const classOf = (el) => ((el.className && el.className.baseVal !== undefined ? el.className.baseVal : el.className) || '') + ' ' + (el.id || '');
  const LIST_SEL = 'ul, ol, table, dl';
  const LABEL_MAX = 16;
  const BAR_MAX = 80;
  // A rough "this row shows a date" test: enough to tell a list of dated items from a menu. The real
  // date extraction happens in the checks.
  const DATE_LIKE = /(19|20)\d{2}\s*[-/.年]\s*\d{1,2}|(^|[^\d])\d{1,2}\s*[-/.月]\s*\d{1,2}([^\d]|$)/;
  // A column or tab name: short, Chinese, not a date or number, not the 更多 link.
  const isLabel = (t) => t.length >= 2 && t.length <= LABEL_MAX && /[一-龥]/.test(t) && !/^[\d[(（【]/.test(t) && !MORE.test(t);
  const HEADING_CLASS = /(^|[-_\s])(hd|head|header|tit|title|tab|tabs|bt|lm|lmmc|caption|name)([-_\s]|$)|title|tab/i;
  const moreIn = (el) => {
    for (const a of el.querySelectorAll('a[href]')) {
      const t = clean(a.textContent || a.getAttribute('title'));
      const cls = classOf(a) + ' ' + (a.parentElement ? classOf(a.parentElement) : '');
      if (MORE.test(t) || (!t && /more/i.test(cls))) return abs(a.getAttribute('href'));
    }
    return null;
  };
  const linkOf = (el) => { const a = el.closest('a[href]') || el.querySelector('a[href]'); return a ? abs(a.getAttribute('href')) : null; };
  // Rows that are all short names without a date are a menu, a tab bar or a directory (邯郸 gkzn.html's
  // 44 departments), not a column's items.
  const isMenu = (rows) => rows.every((r) => clean(r.textContent).length <= LABEL_MAX && !DATE_LIKE.test(r.textContent));
  const holdsList = (el) => /^(UL|OL|TABLE|DL)$/.test(el.tagName) || Boolean(el.querySelector(LIST_SEL));
  const inFurniture = (el) =>
    (footerEl && footerEl.contains(el)) ||
    // Case-insensitive: 宜春's drawer menu is "drawer-mainNav".
    el.closest('nav,footer,[class*="nav" i],[class*="menu" i],[id*="nav" i],[id*="menu" i],[class*="footer" i],[id*="footer" i]');

  // A heading bar: short text naming one block (a heading) or several (tabs), often with a 更多 link.
  // Its labels are the innermost elements carrying a name (宜春 ".hd ul li a", 邯郸 "a.s2r-as", "a > h1").
  const barOf = (el) => {
    const text = clean(el.textContent);
    // A heading never shows a date: a short box with one is a list item (宜春's featured .newsTt).
    if (!text || text.length > BAR_MAX || DATE_LIKE.test(text)) return null;
    if (!(/^H[1-6]$/.test(el.tagName) || HEADING_CLASS.test(classOf(el)) || el.querySelector('h1,h2,h3,h4,h5,h6') || moreIn(el))) return null;
    const cands = [el, ...el.querySelectorAll('li, a, span, h1, h2, h3, h4, h5, h6, em, b, strong, dt, p, div')].filter((c) => isLabel(clean(c.textContent)));
    const labels = cands.filter((c) => !cands.some((o) => o !== c && c.contains(o)));
    return labels.length ? { el, labels, more: moreIn(el) } : null;
  };
  const isActive = (label, bar) => {
    for (let e = label; e && e !== bar.el.parentElement; e = e.parentElement) if (/(^|[-_\s])(on|active|cur|current|selected|select|hover)([-_\s]|$)/i.test(classOf(e))) return true;
    return false;
  };
  // Which label of a bar names the list: one label names it; with tabs, the panel holding the list is
  // matched to its tab by position among its sibling panels (hidden panels included), at the first level
  // below the bar where there are several panels.
  const labelFor = (bar, chain) => {
    if (bar.labels.length === 1) return { label: bar.labels[0], panel: chain[chain.length - 1], tabbed: false };
    for (let i = chain.length - 1; i >= 0; i--) {
      const c = chain[i];
      const panels = Array.from(c.parentElement.children).filter((s) => s !== bar.el && s.tagName === c.tagName && holdsList(s));
      if (panels.length < 2) continue;
      const idx = panels.indexOf(c);
      return idx < bar.labels.length ? { label: bar.labels[idx], panel: c, tabbed: true } : null;
    }
    // Tabs sharing one panel that a script refills: the active tab names what it shows.
    return { label: bar.labels.find((l) => isActive(l, bar)) || bar.labels[0], panel: chain[chain.length - 1], tabbed: false };
  };
  const blockHeading = (bar, pick) => {
    const heading = clean(pick.label.textContent).replace(/更多.*$/, '').replace(/[\s>»+]*([A-Za-z]{4,})?[\s>»+]*$/, '');
    const linked = pick.tabbed ? moreIn(pick.panel) || linkOf(pick.label) : bar.more || linkOf(pick.label);
    return { heading, moreUrl: linked, box: boxOf(bar.el) };
  };
  // The heading of a list: the nearest heading bar before the list or before one of its ancestors. A
  // caption without a link inside a tab panel (宜春 "最新政府文件" under the 政府文件 tab) yields to the tab.
  const MAX_CLIMB = 6;
  const findHeading = (list) => {
    const chain = [];
    let nearest = null;
    for (let node = list, depth = 0; node && node.parentElement && node !== document.body && depth < MAX_CLIMB; node = node.parentElement, depth++) {
      chain.push(node);
      let bar = null;
      for (let sib = node.previousElementSibling, k = 0; sib && k < 4 && !bar; sib = sib.previousElementSibling) {
        bar = barOf(sib);
        if (bar || !holdsList(sib)) {
          k++;
          continue;
        }
        // Sibling tab panels (邯郸's four ul.list1, three of them hidden) stand between a panel and its
        // tabs; any other list before this one has its own heading, so this one's is further up.
        if (sib.tagName !== node.tagName) break;
      }
      if (!bar) continue;
      const pick = labelFor(bar, chain);
      if (!pick) return nearest;
      const found = { ...blockHeading(bar, pick), tabbed: pick.tabbed };
      if (!nearest) {
        // A single list under a plain heading may keep its 更多 beside the list rather than in the bar.
        if (!found.moreUrl && node.querySelectorAll(LIST_SEL).length === 1) found.moreUrl = moreIn(node);
        nearest = found;
        if (found.moreUrl) return found;
        continue;
      }
      return found.tabbed ? found : nearest;
    }
    return nearest;
  };

  const blocks = [];
  const blockLists = new Map();
  const lists = Array.from(document.querySelectorAll(LIST_SEL)).filter((l) => !l.parentElement.closest('ul li, ol li, table td'));
  for (const list of lists) {
    if (inFurniture(list)) continue;
    const rows = rowsOf(list).filter((r) => r.querySelector('a[href]'));
    // An empty list under a home-page heading is a column shown blank once the page rendered (宜春's
    // 在线访谈 <ul id="zxft_first_txt"></ul>, filled by a script from elsewhere).
    const empty = list.children.length === 0 && !/^(TABLE|DL)$/.test(list.tagName);
    if (!rows.length && !(empty && opts.isHome)) continue;
    if (rows.length && isMenu(rows)) continue;
    const h = findHeading(list);
    if (!h || !isLabel(h.heading)) continue;
    // Undated rows with no way to the column's list (no 更多, no linked heading) are tiles or link farms
    // (宜春's 宜起办 service tiles), not a column.
    if (rows.length && !h.moreUrl && !rows.some((r) => DATE_LIKE.test(r.textContent))) continue;
    const block = { heading: h.heading, moreUrl: h.moreUrl, kind: 'block', items: rows.slice(0, 100).map(itemOf), box: boxOf(list) || h.box, level: 1, url: h.moreUrl };
    blocks.push(block);
    blockLists.set(block, list);
  }

  // Navigation menus: top entries with their children. An entry that leads back to this page (首页, or
  // 宜春's full-page anchors #page2…) is not a column; a menu made only of such entries is not the menu.
  const here = location.href.replace(/#.*$/, '');
  const HOME_NAME = /^(网站|返回)?首页$/;
  const columnEntries = (root) => {
    const top = root.querySelector('ul');
    const entries = (top ? Array.from(top.children).filter((c) => c.tagName === 'LI') : []).map((li) => {
      const a = li.querySelector('a[href]');
      const url = a ? abs(a.getAttribute('href')) : null;
      return { li, url, name: clean(a ? a.textContent : li.firstChild && li.firstChild.textContent) };
    });
    return entries.filter((e) => e.name && e.name.length <= LABEL_MAX && !HOME_NAME.test(e.name) && !(e.url && e.url.replace(/#.*$/, '') === here));
  };
  const NAV_SEL = ['nav', '#nav', '.nav', '[class*="nav" i]', '[id*="nav" i]', '[class*="menu" i]', '[id*="menu" i]'];
  let navEntries = [];
  for (const sel of NAV_SEL) {
    const root = Array.from(document.querySelectorAll(sel)).find((el) => columnEntries(el).length >= 2);
    if (root) { navEntries = columnEntries(root); break; }
  }
  for (const { li, name, url } of navEntries) {
    const sub = li.querySelector('ul');
    const children = sub ? Array.from(sub.querySelectorAll('a[href]')).map((c) => ({ heading: clean(c.textContent), moreUrl: abs(c.getAttribute('href')), kind: 'nav', items: [], box: boxOf(c), level: 2, url: abs(c.getAttribute('href')) })).filter((c) => c.heading) : [];
    blocks.push({ heading: name, moreUrl: url, kind: 'nav', items: [], box: boxOf(li), level: 1, url, children });
  }

  // A column list page: no article title, and a dominant list of rows (or a list container left empty).
  if (!opts.isHome && !meta.ArticleTitle) {
    // The dominant list is the one with the most dated rows, then the most rows: 邯郸's list.html has a
    // ten-entry side menu beside a one-row dated table.
    let bestList = null, bestRows = [], bestDated = 0;
    for (const list of lists) {
      if (inFurniture(list)) continue;
      const rows = rowsOf(list).filter((r) => r.querySelector('a[href]'));
      if (!rows.length || isMenu(rows)) continue;
      const dated = rows.filter((r) => DATE_LIKE.test(r.textContent)).length;
      if (dated > bestDated || (dated === bestDated && rows.length > bestRows.length)) { bestList = list; bestRows = rows; bestDated = dated; }
    }
    const emptyList = Array.from(document.querySelectorAll('ul[class*="list"], ul[id*="list"], div[class*="list"] > ul, table[class*="list"]')).find((l) => !inFurniture(l) && rowsOf(l).length === 0);
    const crumb = pick(['.position', '.location', '.crumb', '.breadcrumb', '[class*="position"]', '[class*="location"]', '[class*="crumb"]', '.dqwz']);
    const crumbName = crumb ? clean(crumb.innerText).split(/>|»|＞|\//).map(clean).filter(Boolean).pop() : '';
    const name = clean(meta.ColumnName) || crumbName || clean(document.title.split(/[-_|—]/)[0]);
    // A short list counts when the page names itself a column (ColumnName meta or a breadcrumb).
    const named = Boolean(clean(meta.ColumnName) || crumbName);
    const listed = bestList && (bestRows.length >= 3 || (named && bestRows.length >= 1));
    if (listed || emptyList) {
      // The page's own list is the column itself, not also a block on it.
      if (listed) blocks.splice(0, blocks.length, ...blocks.filter((b) => blockLists.get(b) !== bestList));
      blocks.push({ heading: name, moreUrl: location.href, kind: 'list-page', items: (listed ? bestRows : []).slice(0, 200).map(itemOf), box: boxOf(listed ? bestList : emptyList), level: 1, url: location.href });
    }
  }

  const anchors = Array.from(document.querySelectorAll('[id], a[name]')).map((e) => e.id || e.getAttribute('name')).filter(Boolean).slice(0, 5000);
  const hasSearchForm = Array.from(document.querySelectorAll('form')).some((f) => /搜索|检索|search/i.test(f.innerText + ' ' + (f.getAttribute('action') || '') + ' ' + Array.from(f.querySelectorAll('input,button')).map((i) => (i.value || '') + (i.placeholder || '') + (i.name || '')).join(' ')));

  return {
    title: clean(document.title),
    meta,
    text: bodyText,
    textBlocks,
    headerText,
    footerText: footerText.slice(0, 2000),
    links,
    blocks,
    anchors,
    hasSearchForm,
    pageHeight: Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0),
  };
})`;

/** The expression to evaluate in the page; the home page never counts as a column list page. */
export function inPageExtract(opts: { isHome: boolean }): string {
  return `${IN_PAGE_EXTRACT_FN}(${JSON.stringify(opts)})`;
}
