// The bundled lexicons the content checks use, with the versions the report prints.
import { call } from '../api.js';
import { useQuery } from '../useQuery.js';
import { ErrorNotice, Loading } from './Notice.js';

/** What each lexicon file is for, in the words of the standard's users. */
const LEXICON_LABELS: Record<string, string> = {
  severe: '严重错误词库',
  typo: '错别字词库',
  'typo-context': '错别字上下文模型',
  prohibited: '禁用词库',
  leaders: '领导名单（程序自带）',
  'leader-context': '领导职务用语',
  'similar-chars': '形近字',
  'common-chars': '常用字表',
  whitelist: '白名单（程序自带）',
  'guide-elements': '办事指南要素',
  'interaction-channels': '互动栏目识别',
  identity: '网站标识规则',
};

export function LexiconTable() {
  const lexicons = useQuery('lexicons', () => call('listLexicons', {}));
  if (!lexicons.data) return <>{lexicons.error ? <ErrorNotice message={lexicons.error} /> : <Loading />}</>;
  return (
    <table className="table table-compact" aria-label="词库">
      <thead>
        <tr>
          <th>词库</th>
          <th>文件</th>
          <th>版本</th>
          <th>条目数</th>
          <th>来源</th>
        </tr>
      </thead>
      <tbody>
        {lexicons.data.map((lexicon) => (
          <tr key={lexicon.file}>
            <td className="nowrap">{LEXICON_LABELS[lexicon.file] ?? lexicon.file}</td>
            <td className="mono nowrap">{lexicon.file}.json</td>
            <td className="mono nowrap">{lexicon.version}</td>
            <td>{lexicon.size ?? '—'}</td>
            <td>{lexicon.source}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
