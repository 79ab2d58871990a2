import { useCallback, useEffect, useMemo, useState } from 'react';
import { call } from './api.js';
import { ErrorNotice } from './components/Notice.js';
import { formatDateTime, RUN_STATUS_LABELS } from './format.js';
import { AuditScreen } from './screens/AuditScreen.js';
import { ExportScreen } from './screens/ExportScreen.js';
import { FindingsScreen } from './screens/FindingsScreen.js';
import { LedgerScreen } from './screens/LedgerScreen.js';
import { MonitorScreen } from './screens/MonitorScreen.js';
import { RectificationScreen } from './screens/RectificationScreen.js';
import { ResultsScreen } from './screens/ResultsScreen.js';
import { SettingsScreen } from './screens/SettingsScreen.js';
import { useQuery } from './useQuery.js';
import { SCREENS, WorkbenchContext } from './workbench.js';
import type { ScreenId, Workbench } from './workbench.js';

const SCREEN_COMPONENTS: Record<ScreenId, () => React.JSX.Element> = {
  ledger: LedgerScreen,
  audit: AuditScreen,
  monitor: MonitorScreen,
  results: ResultsScreen,
  findings: FindingsScreen,
  rectification: RectificationScreen,
  export: ExportScreen,
  settings: SettingsScreen,
};

export function App() {
  const [screen, setScreen] = useState<ScreenId>('ledger');
  const [chosenRun, setChosenRun] = useState<string | null>(null);
  const runs = useQuery('runs', () => call('listRuns', {}));
  const runList = useMemo(() => runs.data ?? [], [runs.data]);
  // Without a choice, the newest run that has results.
  const run =
    runList.find((r) => r.id === chosenRun) ?? runList.find((r) => r.status === 'done') ?? runList[0] ?? null;

  const go = useCallback((next: ScreenId) => setScreen(next), []);
  const workbench: Workbench = useMemo(
    () => ({ runs: runList, run, selectRun: setChosenRun, reloadRuns: runs.reload, go }),
    [runList, run, runs.reload, go],
  );

  // Alt+1 … Alt+8 switch screens from anywhere.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const index = Number.parseInt(event.key, 10) - 1;
      if (index >= 0 && index < SCREENS.length) {
        event.preventDefault();
        setScreen(SCREENS[index].id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const Screen = SCREEN_COMPONENTS[screen];
  const title = SCREENS.find((s) => s.id === screen)?.label ?? '';
  return (
    <WorkbenchContext.Provider value={workbench}>
      <div className="shell">
        <header className="topbar">
          <div className="brand">
            <span className="brand-mark" aria-hidden="true">
              政
            </span>
            政务网站检查工作站
          </div>
          <label className="run-picker">
            当前检查批次
            <select
              value={run?.id ?? ''}
              onChange={(event) => setChosenRun(event.target.value)}
              disabled={runList.length === 0}
            >
              {runList.length === 0 && <option value="">尚无检查记录</option>}
              {runList.map((r) => (
                <option key={r.id} value={r.id}>
                  {formatDateTime(r.startedAt)} · {RUN_STATUS_LABELS[r.status] ?? r.status}
                  {r.recheckOf ? ' · 复查' : ''}
                </option>
              ))}
            </select>
          </label>
        </header>
        <nav className="sidebar" aria-label="功能导航">
          {SCREENS.map((s, index) => (
            <button
              type="button"
              key={s.id}
              className={s.id === screen ? 'nav-item active' : 'nav-item'}
              aria-current={s.id === screen ? 'page' : undefined}
              onClick={() => setScreen(s.id)}
              title={`Alt+${index + 1}`}
            >
              {s.label}
            </button>
          ))}
        </nav>
        <main className="content" aria-label={title}>
          <h1 className="screen-title">{title}</h1>
          <ErrorNotice message={runs.error} />
          <Screen />
        </main>
      </div>
    </WorkbenchContext.Provider>
  );
}
