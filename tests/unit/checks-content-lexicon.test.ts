import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { LexiconError, parseLexiconBundle } from '../../src/main/checks/content/lexicon.js';
import { compileScanner, type TextScanner } from '../../src/main/checks/content/scanner.js';
import { checkPageText } from '../../src/main/checks/content/text-checks.js';
import {
  context,
  htmlText,
  lexicons,
  page,
  readSample,
  samplePath,
  site,
} from './checks-content-fixtures.js';

let scanner: TextScanner;
beforeAll(() => {
  scanner = compileScanner(lexicons(), { leaders: [], asOf: '2025-06-30' });
});

function bundledTypos(): Set<string> {
  return new Set(lexicons().typo.entries.map((e) => e.wrong));
}

function errorFree(file: string): string[] {
  const rows = JSON.parse(readFileSync(samplePath(`lists/${file}`), 'utf8')) as { original_text: string }[];
  return rows.map((r) => r.original_text);
}

describe('bundled lexicons', () => {
  test('every file validates and carries a version', () => {
    const bundle = lexicons();
    expect(bundle.severe.entries.length).toBeGreaterThan(1000);
    expect(bundle.typo.entries.length).toBeGreaterThan(1000);
    expect(bundle.prohibited.entries.map((e) => e.category)).toContain('赌博');
    expect(bundle.leaders.leaders).toEqual([]);
    expect(Object.values(bundle.versions).every((v) => v.length > 0)).toBe(true);
  });

  test('a malformed file is named in the error', () => {
    const raw = JSON.parse(
      readFileSync(new URL('../../resources/lexicon/prohibited.json', import.meta.url), 'utf8'),
    );
    const files = { ...Object.fromEntries(Object.entries(lexicons().versions).map(([k]) => [k, undefined])) };
    expect(() => parseLexiconBundle({ ...files, prohibited: raw })).toThrow(LexiconError);
    expect(() =>
      parseLexiconBundle({
        prohibited: { version: '1', source: 's', entries: [{ wrong: '赌', category: '赌博' }] },
      }),
    ).toThrow(/severe: file missing/);
  });

  test('generated severe variants never include the canonical wording', () => {
    const wrongs = new Set(lexicons().severe.entries.map((e) => e.wrong));
    for (const right of ['中华人民共和国', '中国共产党', '扫黑除恶', '领导小组', '全国人民代表大会'])
      expect(wrongs.has(right)).toBe(false);
  });
});

describe('severe errors, typos, prohibited content', () => {
  test('the issue examples are severe errors with the right wording', () => {
    const cases: [string, string, string][] = [
      [
        '我国各族人民共同缔造了中华人民共合国，都为中华民族形成和发展作出了卓越贡献。',
        '中华人民共合国',
        '中华人民共和国',
      ],
      ['要加强校史资料的挖掘，讲好中国共产觉的故事。', '中国共产觉', '中国共产党'],
      ['实现扫黑险恶常态化，营造积极健康的社会生态。', '扫黑险恶', '扫黑除恶'],
    ];
    for (const [sentence, wrong, right] of cases) {
      const hits = scanner.scan(sentence, { inTitle: false });
      expect(hits).toEqual([expect.objectContaining({ kind: 'severe', wrong, right, sentence })]);
    }
  });

  test('generated one-character slips of fixed formulations are found, also in traditional and full width', () => {
    expect(scanner.scan('坚持全面从严治挡', { inTitle: false })[0]).toMatchObject({
      kind: 'severe',
      right: '全面从严治党',
    });
    expect(scanner.scan('中華人民共合國成立', { inTitle: false })[0]).toMatchObject({
      wrong: '中華人民共合國',
    });
    expect(scanner.scan('中 华 人 民 共 合 国', { inTitle: false })[0]).toMatchObject({
      wrong: '中 华 人 民 共 合 国',
    });
  });

  test('中华人民共和国, 领导小组, 扫黑除恶 are never flagged in real sentences (学习强国, 人民日报, sample pages)', () => {
    const sentences = [
      ...errorFree('csc_testset_acc_xxqg__macro-correct.json'),
      ...errorFree('csc_testset_acc_rmrb__macro-correct.json'),
    ].filter((s) => /中华人民共和国|领导小组|扫黑除恶/.test(s));
    expect(sentences.length).toBeGreaterThan(15);
    // 邯郸 home page: "…医疗保障基金支付风险工作领导小组…"; nfra: "《中华人民共和国民营经济促进法》".
    sentences.push(htmlText(readSample('pages/02_hebei_handan_zfxxgk/index.html')));
    sentences.push(htmlText(readSample('pages/04_nfra/nfra_zhejiang_penalty_2024-52_rendered.html')));
    for (const s of sentences) expect(scanner.scan(s, { inTitle: false }), s.slice(0, 60)).toEqual([]);
  });

  test('no hit at all on the real sample pages (宜春, 邯郸, 山西, 国务院公报, nfra)', () => {
    for (const file of [
      'pages/01_jiangxi_yichun_wanzai/yichun_home_2023-10-11_1136.html',
      'pages/03_gne_fixtures/shanxi_gov_article.html',
      'pages/03_gne_fixtures/gov_cn_gongbao_2007_23.html',
      'pages/04_nfra/nfra_penalty_jfjz_2024-36_rendered.html',
    ]) {
      expect(scanner.scan(htmlText(readSample(file)), { inTitle: false }), file).toEqual([]);
    }
  });

  test('typos from the filtered confusion list and from the slips of the ECSpell train split', () => {
    expect(scanner.scan('让群众按居乐业。', { inTitle: false })[0]).toMatchObject({
      kind: 'typo',
      right: '安居乐业',
    });
    // ECSpell 公文 train split (the only split used for tuning): "《“健康中国2030”规划刚要》全文如下。"
    const hits = scanner.scan('《“健康中国2030”规划刚要》全文如下。', { inTitle: false });
    expect(hits).toEqual([expect.objectContaining({ kind: 'typo', wrong: '划刚要', right: '划纲要' })]);
  });

  test('typos no lexicon lists are found by the context model, with the word they belong to', () => {
    const typos = bundledTypos();
    for (const wrong of ['经神', '保章']) expect(typos.has(wrong)).toBe(false);
    const text = '各地要认真贯彻落实会议經神。完善社会保章体系。';
    const hits = scanner.scan(text, { inTitle: false });
    expect(hits.map((h) => [h.kind, h.wrong, h.right, h.category])).toEqual([
      ['typo', '經神', '精神', '音近形近字（上下文判断）'],
      ['typo', '保章', '保障', '音近形近字（上下文判断）'],
    ]);
    expect(text.slice(hits[0].start, hits[0].end)).toBe('經神');
    expect(hits[1].sentence).toBe('完善社会保章体系。');
    expect(scanner.scan(text, { inTitle: false, siteWhitelist: ['会议经神'] }).map((h) => h.wrong)).toEqual([
      '保章',
    ]);
  });

  test('prohibited phrases typical of gambling spam are found', () => {
    expect(
      scanner.scan('最新六合彩开奖结果，网上赌场注册送彩金', { inTitle: false }).map((h) => h.wrong),
    ).toEqual(['六合彩开奖', '网上赌场', '注册送彩金']);
  });

  test('a site whitelist silences a hit it covers', () => {
    const text = '让群众按居乐业。';
    expect(scanner.scan(text, { inTitle: false, siteWhitelist: ['按居乐业'] })).toEqual([]);
  });
});

describe('checkPageText', () => {
  test('findings carry type, Chinese detail, sentence, position and box; severe needs confirmation', () => {
    const box = { x: 10, y: 20, width: 300, height: 24 };
    const artifacts = site([
      page({
        url: 'https://www.yichun.gov.cn/art/1.html',
        title: '关于中华人民共合国成立纪念活动的通知',
        textBlocks: [
          { text: '关于中华人民共合国成立纪念活动的通知', role: 'heading', box },
          { text: '让群众按居乐业。让群众按居乐业。', role: 'body', box: null },
        ],
      }),
    ]);
    const findings = checkPageText(artifacts, context({ scanner }));
    const severe = findings.filter((f) => f.type === 'severe-error');
    expect(severe).toHaveLength(1);
    expect(severe[0]).toMatchObject({ needsConfirmation: true, box: null });
    expect(severe[0].detail).toContain('“中华人民共合国”应为“中华人民共和国”');
    expect(severe[0].detail).toContain('标题');
    const typo = findings.find((f) => f.type === 'typo');
    expect(typo?.needsConfirmation).toBe(false);
    expect(typo?.data).toMatchObject({ count: 2, position: 'body', wrong: '按居乐业' });
    expect(typo?.detail).toContain('本页共2处');
    // Stable across runs: the same input gives the same fingerprint and id.
    expect(checkPageText(artifacts, context({ scanner })).map((f) => f.id)).toEqual(
      findings.map((f) => f.id),
    );
  });
});
