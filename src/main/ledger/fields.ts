// The columns of 政府网站基本信息表 as counties fill it in. No national template exists (indicators.md §3.1, §4):
// the headers below are the census database's fields (UCAP DatabaseInfo) and the identity items of the 2019
// 网站标识 indicator, each with the spellings seen in provincial templates. A column not listed here is kept
// as it is in the site's `info`, so importing and exporting a county's own layout loses nothing.

/** Where a column's value goes: a SiteRecord property, `info[header]`, or nowhere (a running number). */
export type FieldTarget =
  'name' | 'url' | 'siteCode' | 'sponsor' | 'supervisor' | 'siteType' | 'publicService' | 'info' | 'ignore';

export interface LedgerField {
  /** The header written on export, the `info` key for info fields, and the column named in messages. */
  header: string;
  /** Other spellings accepted on import (compared after `headerKey`). */
  synonyms: readonly string[];
  target: FieldTarget;
  /** Column width on export, in characters. */
  width: number;
}

/** In export order. */
export const LEDGER_FIELDS: readonly LedgerField[] = [
  { header: '序号', synonyms: ['编号', 'id'], target: 'ignore', width: 6 },
  {
    header: '网站名称',
    synonyms: ['网站名', '站点名称', 'site_name', 'sitename'],
    target: 'name',
    width: 28,
  },
  {
    header: '网站标识码',
    synonyms: ['标识码', '网站标识', '网站识别码', 'siteidcode', 'sitecode'],
    target: 'siteCode',
    width: 14,
  },
  {
    header: '首页网址',
    synonyms: [
      '网址',
      '网站地址',
      '网站网址',
      '首页地址',
      '首页url',
      '网站url',
      '网站域名',
      'url地址',
      'url',
      'index_url',
    ],
    target: 'url',
    width: 36,
  },
  { header: '主办单位', synonyms: ['网站主办单位', '主办机构'], target: 'sponsor', width: 24 },
  { header: '主管单位', synonyms: ['网站主管单位', '主管部门'], target: 'supervisor', width: 24 },
  { header: '网站类型', synonyms: ['类型', '网站类别'], target: 'siteType', width: 10 },
  { header: '是否门户', synonyms: ['是否门户网站', '门户网站'], target: 'info', width: 8 },
  {
    header: '提供公共服务',
    synonyms: ['是否提供公共服务', '是否提供办事服务', '提供办事服务'],
    target: 'publicService',
    width: 8,
  },
  { header: '行政级别', synonyms: ['级别', '网站级别'], target: 'info', width: 8 },
  { header: '所属地区', synonyms: ['地区', '行政区划'], target: 'info', width: 14 },
  { header: '承办单位', synonyms: ['网站承办单位'], target: 'info', width: 24 },
  { header: '负责人', synonyms: ['网站负责人'], target: 'info', width: 10 },
  { header: '负责人职务', synonyms: ['负责人职位'], target: 'info', width: 12 },
  { header: '负责人电话', synonyms: ['负责人办公电话', '负责人联系电话'], target: 'info', width: 16 },
  { header: '负责人手机', synonyms: [], target: 'info', width: 14 },
  { header: '负责人邮箱', synonyms: [], target: 'info', width: 20 },
  { header: '联系人', synonyms: ['网站联系人'], target: 'info', width: 10 },
  { header: '联系电话', synonyms: ['联系人电话', '联系人办公电话', '电话'], target: 'info', width: 16 },
  { header: '联系人手机', synonyms: ['手机'], target: 'info', width: 14 },
  { header: '联系人邮箱', synonyms: ['电子邮箱', '邮箱'], target: 'info', width: 20 },
  { header: 'ICP备案号', synonyms: ['ICP备案编号', 'ICP备案', 'ICP'], target: 'info', width: 20 },
  {
    header: '公安机关备案号',
    synonyms: ['公安备案号', '公安机关备案编号', '公网安备号', '公安机关备案'],
    target: 'info',
    width: 22,
  },
  { header: '跳转网址', synonyms: ['跳转url', '跳转地址'], target: 'info', width: 30 },
  { header: '办公地址', synonyms: ['地址'], target: 'info', width: 28 },
  { header: '运行状态', synonyms: ['状态', '网站状态'], target: 'info', width: 10 },
  { header: '备注', synonyms: ['说明'], target: 'info', width: 20 },
];

/** The columns without which a row cannot become a site. */
export const REQUIRED_TARGETS: readonly FieldTarget[] = ['name', 'url'];

/** Accepted answers in yes/no columns (是否… / 提供…). */
export const YES_WORDS: readonly string[] = ['是', '有', 'y', 'yes', 'true', '1', '√'];
export const NO_WORDS: readonly string[] = ['否', '无', 'n', 'no', 'false', '0', '×'];

/** Width of exported columns that are not in LEDGER_FIELDS. */
export const OTHER_COLUMN_WIDTH = 16;

/**
 * How headers are compared: full-width forms folded (NFKC), whitespace, required-field stars and bracketed
 * notes such as （必填） or (门户/部门) removed, case ignored.
 */
export function headerKey(header: string): string {
  return header
    .normalize('NFKC')
    .replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】/g, '')
    .replace(/[\s*]/g, '')
    .toLowerCase();
}

const FIELD_BY_KEY: ReadonlyMap<string, LedgerField> = new Map(
  LEDGER_FIELDS.flatMap((field) =>
    [field.header, ...field.synonyms].map((h) => [headerKey(h), field] as const),
  ),
);

/** The known field a header names, if any. */
export function fieldForHeader(header: string): LedgerField | undefined {
  const key = headerKey(header);
  return key ? FIELD_BY_KEY.get(key) : undefined;
}

/** The field that fills a SiteRecord property (name, url, …). */
export function fieldFor(target: FieldTarget): LedgerField {
  const field = LEDGER_FIELDS.find((f) => f.target === target);
  if (!field) throw new Error(`no ledger field for target ${target}`);
  return field;
}
