import type { Workspace } from '../store/workspace.js';
import { buildResultsJson } from '../report/resultsJson.js';

function pad(text: string, width: number): string {
  // CJK characters take two columns in a terminal.
  const cols = [...text].reduce((n, ch) => n + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  return text + ' '.repeat(Math.max(0, width - cols));
}

/** The short table the CLI ends with: site, score, verdict, problems. */
export function summaryTable(ws: Workspace, runId: string): string[] {
  const results = buildResultsJson(ws, runId);
  const lines = [`${pad('网站', 28)}${pad('得分', 10)}${pad('结论', 10)}问题数`];
  for (const s of results.sites) {
    const score = s.score === null ? (s.vetoes.length ? '单项否决' : '-') : String(s.score + s.bonus);
    lines.push(`${pad(s.name, 28)}${pad(score, 10)}${pad(s.verdict, 10)}${s.findings.length}`);
  }
  return lines;
}
