// The raw probe log of one site over the standard's week: every probe as stored, so a disputed
// availability figure can be traced to the individual attempts.
import { call } from '../api.js';
import { formatDateTime, formatNumber } from '../format.js';
import { useQuery } from '../useQuery.js';
import { EmptyState, ErrorNotice, Loading } from './Notice.js';

/** The engine records failures in English for developers; the officer reads what happened in Chinese. */
function failureText(error: string | null, status: number | null): string {
  if (!error) return '';
  if (status !== null) return `服务器返回错误状态 ${status}`;
  if (/no response within/i.test(error)) return '超时未响应';
  if (/redirects/i.test(error)) return '重定向次数过多';
  if (/ENOTFOUND|EAI_AGAIN|not resolve/i.test(error)) return '域名无法解析';
  if (/ECONNREFUSED/i.test(error)) return '连接被拒绝';
  if (/certificate|TLS|SSL/i.test(error)) return '证书或加密连接错误';
  return '无法连接';
}

export function ProbeLog({ siteId, siteName }: { siteId: number; siteName: string }) {
  const probes = useQuery(`probes-${siteId}`, () => call('listProbes', { siteId, days: 7 }));
  if (!probes.data) return <>{probes.error ? <ErrorNotice message={probes.error} /> : <Loading />}</>;
  if (probes.data.length === 0)
    return (
      <EmptyState title="近 7 天没有探测记录">
        程序打开期间会自动探测；开始一次检查也会先探测首页。
      </EmptyState>
    );
  return (
    <div className="probe-log">
      <table className="table table-compact" aria-label={`${siteName}探测日志`}>
        <thead>
          <tr>
            <th>时间</th>
            <th>结果</th>
            <th>响应时间</th>
            <th>状态码</th>
            <th>错误</th>
            <th>本机网络异常</th>
            <th>来源</th>
          </tr>
        </thead>
        <tbody>
          {probes.data.map((probe, index) => (
            <tr
              key={`${probe.at}-${index}`}
              className={probe.ok ? undefined : 'row-warn'}
              data-testid="probe-row"
            >
              <td className="nowrap">{formatDateTime(probe.at)}</td>
              <td>
                {probe.ok ? (
                  <span className="tag tag-ok">正常</span>
                ) : (
                  <span className="tag tag-bad">失败</span>
                )}
              </td>
              <td className="nowrap">
                {probe.latencyMs === null ? '—' : `${formatNumber(probe.latencyMs)} 毫秒`}
              </td>
              <td>{probe.status ?? '—'}</td>
              <td title={probe.error ?? undefined}>{failureText(probe.error, probe.status)}</td>
              <td>{probe.localNetwork ? <span className="tag tag-warn">是（不计入）</span> : '否'}</td>
              <td className="nowrap">{probe.runId ? '检查时探测' : '后台监测'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
