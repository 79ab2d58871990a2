import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ColumnCategory } from '../../src/shared/domain.js';
import { classifyColumn, isHistoricalName, isParentName } from '../../src/main/checks/columns/classify.js';
import { parseColumnDictionary } from '../../src/main/checks/columns/dictionary.js';

const dict = parseColumnDictionary(
  JSON.parse(readFileSync(new URL('../../resources/columns/categories.json', import.meta.url), 'utf8')),
);

// Each name cites where it was seen: YC = samples 01 yichun_home (yichun.gov.cn, 2023-10-11),
// HD = samples 02 handan index.html / list.html (hdzfxxgk.hd.gov.cn, 2020-08), ISSUE = issue 4's list,
// STD = standard/indicators.md (§1.2 definitions, §1.3 UCAP ChannelType buckets, §2 item names).
const YC = 'YC';
const HD = 'HD';
const ISSUE = 'ISSUE';
const STD = 'STD';
const names: [string, ColumnCategory, string][] = [
  ['政务要闻', 'news', `${YC} home block`],
  ['县市区动态', 'news', `${YC} home tab`],
  ['部门信息', 'news', `${YC} home tab (department news)`],
  ['国务院信息', 'news', `${YC} home block`],
  ['政务动态', 'news', `${YC} nav`],
  ['邯郸新闻', 'news', `${HD} nav`],
  ['县区动态', 'news', `${HD} nav`],
  ['部门动态', 'news', `${HD} nav; ${ISSUE}`],
  ['国务要闻', 'news', `${HD} nav`],
  ['省内要闻', 'news', `${HD} nav`],
  ['要闻动态', 'news', ISSUE],
  ['工作动态', 'news', `${ISSUE}; ${STD} §1.3 ChannelType 工作动态`],
  ['乡镇动态', 'news', ISSUE],
  ['本地要闻', 'news', `${STD} §1.2`],
  ['政府公告', 'notice', `${YC} nav`],
  ['公告公示', 'notice', `${HD} nav`],
  ['通知公告', 'notice', `${ISSUE}; ${STD} §1.2`],
  ['公示公告', 'notice', `${ISSUE}; ${STD} §1.2`],
  ['政府文件', 'policy', `${YC} home tab; ${HD} nav`],
  ['最新政府文件', 'policy', `${YC} home h3`],
  ['江西省政策', 'policy', `${YC} home block`],
  ['政府公报', 'policy', `${YC} nav; ${HD} nav`],
  ['市政府文件', 'policy', `${HD} home tab`],
  ['市政府办公室文件', 'policy', `${HD} home tab`],
  ['市政府令', 'policy', `${HD} home tab`],
  ['修订废止', 'policy', `${HD} home tab`],
  ['近期信息公开', 'policy', `${HD} home block (list.html breadcrumb: 政府文件 -> 近期信息公开)`],
  ['政策文件', 'policy', ISSUE],
  ['规范性文件', 'policy', ISSUE],
  ['政策解读', 'interpretation', `${YC} home tab; ${HD} nav`],
  ['最新政策解读', 'interpretation', `${YC} home h3`],
  ['回应关切', 'interpretation', `${YC} nav; ${HD} nav`],
  ['舆情回应', 'interpretation', `${YC} nav`],
  ['宜春市新闻发布会', 'interpretation', `${YC} nav (2019 解读回应: 新闻发布会)`],
  ['人事信息', 'personnel', `${ISSUE}; ${STD} §1.3 ChannelType`],
  ['人事任免', 'personnel', ISSUE],
  ['规划计划', 'planning', `${YC} home; ${HD} nav`],
  ['发展规划', 'planning', ISSUE],
  ['重大建设项目', 'planning', `${HD} nav (${STD} §1.3 重大项目, 1-year bucket)`],
  ['领导分工', 'leaders', `${HD} nav`],
  ['政府领导', 'leaders', `${YC} nav`],
  ['市长之窗', 'leaders', `${HD} nav`],
  ['领导信息', 'leaders', `${STD} §1.3 ChannelType; §2.3`],
  ['机构职责', 'organization', `${HD} nav`],
  ['政府机构', 'organization', `${YC} nav`],
  ['机构信息', 'organization', `${STD} §1.3 ChannelType`],
  ['机构职能', 'organization', `${STD} §2.3`],
  ['宜春概况', 'overview', `${YC} nav`],
  ['邯郸概况', 'overview', `${HD} nav`],
  ['地区介绍', 'overview', `${STD} §1.3 ChannelType`],
  ['宜春史志', 'overview', `${YC} nav`],
  ['领导信箱', 'consultation', `${YC} home; ${ISSUE}`],
  ['我要写信', 'consultation', `${YC} home`],
  ['政府服务热线', 'consultation', `${YC} home (jxyc12345.cn)`],
  ['我要留言', 'consultation', `${HD} nav`],
  ['更多回复', 'consultation', `${HD} nav (replies to messages)`],
  ['留言统计', 'consultation', `${HD} nav`],
  ['清晨热线', 'consultation', `${HD} nav`],
  ['咨询投诉', 'consultation', ISSUE],
  ['网上信访', 'petition', `${YC} nav; ${ISSUE}`],
  ['纪检举报', 'petition', ISSUE],
  ['举报投诉', 'petition', `${ISSUE}; ${STD} §1.1 V5`],
  ['民意征集', 'survey', `${YC} nav; ${ISSUE}`],
  ['调查征集', 'survey', `${YC} home; ${ISSUE}`],
  ['意见征集', 'survey', `${HD} nav`],
  ['在线访谈', 'interview', `${YC} home block and nav; ${ISSUE}`],
  ['市民服务中心', 'service', `${YC} nav`],
  ['个人服务', 'service', `${YC} 宜起办 tab`],
  ['法人服务', 'service', `${YC} 宜起办 tab`],
  ['网上政务服务平台', 'service', `${HD} nav`],
  ['统计快讯', 'data', `${YC} nav`],
  ['统计公报', 'data', `${YC} nav`],
  ['统计数据', 'data', `${HD} nav`],
  ['财政资金', 'data', `${YC} home (${STD} §1.3 财政信息)`],
  ['财政预决算', 'data', `${HD} nav`],
  ['统计信息', 'data', `${STD} §1.3 ChannelType`],
  ['数据开放平台', 'data', `${YC} nav`],
  ['常见问题', 'other', `${YC} nav`],
  ['政府信息公开目录', 'other', `${YC} home`],
  ['市政府部门信息公开', 'other', `${HD} home nav (a directory, not 部门信息 news)`],
  ['政府采购', 'other', `${HD} nav`],
  ['应急管理', 'other', `${HD} nav`],
];

describe('classifyColumn', () => {
  it('covers at least 60 cited names', () => {
    expect(names.length).toBeGreaterThanOrEqual(60);
  });

  it.each(names)('%s → %s [%s]', (name, category) => {
    expect(classifyColumn(name, dict)).toBe(category);
  });

  it('does not treat a grouping as a channel: 政民互动/互动交流 are parents, their children are classified', () => {
    for (const parent of ['政民互动', '互动交流', '政务公开', '走进宜春', '走进邯郸']) {
      expect(isParentName(parent, dict)).toBe(true);
      expect(classifyColumn(parent, dict)).toBe('other');
    }
    expect(isParentName('领导信箱', dict)).toBe(false);
  });

  it('ignores decorations around a name (spaces, 更多>>)', () => {
    expect(classifyColumn(' 通知 公告 更多>>', dict)).toBe('notice');
  });

  it('recognises historical columns (历史栏目 on hdzfxxgk.hd.gov.cn)', () => {
    expect(isHistoricalName('历史栏目', dict)).toBe(true);
    expect(isHistoricalName('政务要闻', dict)).toBe(false);
  });

  it('rejects a dictionary with an unknown category, naming the field', () => {
    const bad = { ...dict, categories: [{ category: 'newz', keywords: ['要闻'] }] };
    expect(() => parseColumnDictionary(bad)).toThrow(/categories\.0\.category/);
  });
});
