// 连通性监测: the week of availability probes the engine takes in the background while the app is
// open. The standard asks for 7 days × 20 probes; coverage says how much of that each day has.
import type { MonitorStatus } from '../../shared/api.js';
import { call } from '../api.js';
import { EmptyState, ErrorNotice, Loading } from '../components/Notice.js';
import { ProbeLog } from '../components/ProbeLog.js';
import { formatPercent } from '../format.js';
import { useQuery } from '../useQuery.js';
import { useEffect, useState } from 'react';

const PROBES_PER_DAY = 20;

type SiteProbes = MonitorStatus['sites'][number];

function UptimeChart({ site }: { site: SiteProbes }) {
  const width = 560;
  const height = 140;
  const left = 40;
  const bottom = 24;
  const days = site.days;
  const slot = days.length === 0 ? 0 : (width - left) / days.length;
  const plotHeight = height - bottom - 8;
  return (
    <svg
      className="chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`${site.name}每日可用率`}
    >
      {[0, 0.5, 1].map((tick) => (
        <g key={tick}>
          <line
            x1={left}
            x2={width}
            y1={8 + plotHeight * (1 - tick)}
            y2={8 + plotHeight * (1 - tick)}
            className="chart-grid"
          />
          <text x={left - 6} y={12 + plotHeight * (1 - tick)} textAnchor="end" className="chart-axis">
            {tick * 100}%
          </text>
        </g>
      ))}
      {days.map((day, index) => {
        const uptime = day.probes === 0 ? null : 1 - day.failures / day.probes;
        const barHeight = uptime === null ? 0 : Math.max(2, uptime * plotHeight);
        const x = left + index * slot + slot * 0.2;
        return (
          <g key={day.date}>
            <rect
              x={x}
              y={8 + plotHeight - barHeight}
              width={slot * 0.6}
              height={barHeight}
              className={`chart-bar ${uptime !== null && uptime < 0.95 ? 'chart-bad' : 'chart-ok'}`}
            />
            <text x={x + slot * 0.3} y={height - 6} textAnchor="middle" className="chart-axis">
              {day.date.slice(5)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export function MonitorScreen() {
  const status = useQuery('monitor', () => call('monitorStatus', {}));
  const [logOf, setLogOf] = useState<number | null>(null);
  // The monitor keeps probing while the app is open: refresh the figures every minute.
  const { reload } = status;
  useEffect(() => {
    const timer = window.setInterval(reload, 60_000);
    return () => window.clearInterval(timer);
  }, [reload]);

  const data = status.data;
  return (
    <section className="screen">
      <ErrorNotice message={status.error} />
      {status.loading && <Loading />}
      {data && (
        <div className={data.running ? 'notice notice-ok' : 'notice'} role="status">
          {data.running
            ? '后台监测正在运行：程序打开期间按计划探测各网站首页，结果计入检查的可用性指标。'
            : '后台监测未运行。程序打开后会自动开始监测台账中的网站。'}
          <button type="button" className="link" onClick={reload}>
            刷新
          </button>
        </div>
      )}
      {data && data.sites.length === 0 && (
        <EmptyState title="还没有监测数据">
          先在“网站台账”中添加网站；程序打开期间会自动探测，标准要求连续 7 天、每天 20 次。
        </EmptyState>
      )}
      {data?.sites.map((site) => {
        const probes = site.days.reduce((sum, d) => sum + d.probes, 0);
        const failures = site.days.reduce((sum, d) => sum + d.failures, 0);
        return (
          <div className="card" key={site.siteId}>
            <div className="card-head">
              <h2>{site.name}</h2>
              <div className="actions-inline">
                <span className="muted">
                  近 {site.days.length} 天共探测 {probes} 次，失败 {failures} 次，可用率{' '}
                  {probes === 0 ? '—' : formatPercent(1 - failures / probes)}
                  {probes < 7 * PROBES_PER_DAY && <span className="tag tag-warn">监测不足</span>}
                </span>
                <button
                  type="button"
                  className="btn-small"
                  aria-expanded={logOf === site.siteId}
                  onClick={() => setLogOf(logOf === site.siteId ? null : site.siteId)}
                >
                  {logOf === site.siteId ? '收起探测日志' : '查看探测日志'}
                </button>
              </div>
            </div>
            <div className="monitor-body">
              <UptimeChart site={site} />
              <table className="table table-compact" aria-label={`${site.name}探测记录`}>
                <thead>
                  <tr>
                    <th>日期</th>
                    <th>探测次数</th>
                    <th>失败次数</th>
                    <th>覆盖率</th>
                    <th>可用率</th>
                  </tr>
                </thead>
                <tbody>
                  {site.days.map((day) => (
                    <tr key={day.date} className={day.failures > 0 ? 'row-warn' : undefined}>
                      <td>{day.date}</td>
                      <td>{day.probes}</td>
                      <td>{day.failures}</td>
                      <td>{formatPercent(Math.min(1, day.probes / PROBES_PER_DAY), 0)}</td>
                      <td>{day.probes === 0 ? '—' : formatPercent(1 - day.failures / day.probes)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {logOf === site.siteId && <ProbeLog siteId={site.siteId} siteName={site.name} />}
          </div>
        );
      })}
    </section>
  );
}
