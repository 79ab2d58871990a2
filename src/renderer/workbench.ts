// What every screen shares: the list of runs, the run being looked at, and moving between screens.
import { createContext, useContext } from 'react';
import type { RunSummary } from '../shared/api.js';

export type ScreenId =
  'ledger' | 'audit' | 'monitor' | 'results' | 'findings' | 'rectification' | 'export' | 'settings';

export const SCREENS: { id: ScreenId; label: string }[] = [
  { id: 'ledger', label: '网站台账' },
  { id: 'audit', label: '新建检查' },
  { id: 'monitor', label: '连通性监测' },
  { id: 'results', label: '检查结果' },
  { id: 'findings', label: '问题清单' },
  { id: 'rectification', label: '整改跟踪' },
  { id: 'export', label: '报告导出' },
  { id: 'settings', label: '设置' },
];

export interface Workbench {
  runs: RunSummary[];
  /** The run the results, findings, rectification and export screens show. */
  run: RunSummary | null;
  selectRun: (runId: string) => void;
  reloadRuns: () => void;
  go: (screen: ScreenId) => void;
}

export const WorkbenchContext = createContext<Workbench | null>(null);

export function useWorkbench(): Workbench {
  const workbench = useContext(WorkbenchContext);
  if (!workbench) throw new Error('useWorkbench outside WorkbenchContext');
  return workbench;
}
