// A problem a person found while checking: the engine screenshots the address now (the app never loads
// it) and files it with the run's findings.
import { useState } from 'react';
import type { FindingView, SiteRunSummary } from '../../shared/api.js';
import { FINDING_TYPE_LABELS, FINDING_TYPES } from '../../shared/domain.js';
import type { FindingType } from '../../shared/domain.js';
import { call } from '../api.js';
import { useAction } from '../useAction.js';
import { Field } from './Field.js';
import { ErrorNotice } from './Notice.js';

export function ManualFindingForm({
  runId,
  sites,
  reviewer,
  onSaved,
}: {
  runId: string;
  sites: SiteRunSummary[];
  reviewer: string;
  onSaved: (finding: FindingView) => void;
}) {
  const [siteId, setSiteId] = useState(sites[0]?.siteId ?? 0);
  const [type, setType] = useState<FindingType>('typo');
  const [url, setUrl] = useState('');
  const [detail, setDetail] = useState('');
  const [who, setWho] = useState(reviewer);
  const { busy, error, act } = useAction();

  const save = async () => {
    await act(async () => {
      onSaved(
        await call('addManualFinding', {
          runId,
          siteId,
          url: url.trim(),
          type,
          detail: detail.trim(),
          reviewer: who.trim(),
        }),
      );
    });
  };
  return (
    <form
      className="form-grid"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <Field label="网站">
        <select value={siteId} onChange={(e) => setSiteId(Number(e.target.value))}>
          {sites.map((s) => (
            <option key={s.siteId} value={s.siteId}>
              {s.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label="问题类型">
        <select value={type} onChange={(e) => setType(e.target.value as FindingType)}>
          {FINDING_TYPES.map((t) => (
            <option key={t} value={t}>
              {FINDING_TYPE_LABELS[t]}
            </option>
          ))}
        </select>
      </Field>
      <Field label="问题页面网址（程序将对该页面截图留证）" wide>
        <input
          required
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          placeholder="http://www.example.gov.cn/…"
        />
      </Field>
      <Field label="问题描述" wide>
        <textarea required rows={3} value={detail} onChange={(e) => setDetail(e.target.value)} />
      </Field>
      <Field label="核查人">
        <input required value={who} onChange={(e) => setWho(e.target.value)} />
      </Field>
      <div className="field-wide">
        <ErrorNotice message={error} />
      </div>
      <div className="actions field-wide">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? '正在截图并保存…' : '保存问题'}
        </button>
      </div>
    </form>
  );
}
