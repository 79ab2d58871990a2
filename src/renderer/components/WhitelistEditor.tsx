// 白名单: local place and person names the lexicons would otherwise flag. Global terms apply to every
// site; a site's own terms only to that site. One term per line.
import { useState } from 'react';
import type { WhitelistsView } from '../../shared/api.js';
import { call, userMessage } from '../api.js';
import { useQuery } from '../useQuery.js';
import { Field } from './Field.js';
import { ErrorNotice, Loading, SuccessNotice } from './Notice.js';

const lines = (text: string) => text.split(/\r?\n/);

export function WhitelistEditor() {
  const loaded = useQuery('whitelists', () => call('getWhitelists', {}));
  if (!loaded.data) return <>{loaded.error ? <ErrorNotice message={loaded.error} /> : <Loading />}</>;
  return <WhitelistForm initial={loaded.data} />;
}

function WhitelistForm({ initial }: { initial: WhitelistsView }) {
  const [view, setView] = useState(initial);
  const [globalText, setGlobalText] = useState(initial.global.join('\n'));
  const [siteId, setSiteId] = useState<number | null>(initial.sites[0]?.siteId ?? null);
  const [siteText, setSiteText] = useState((initial.sites[0]?.terms ?? []).join('\n'));
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const chooseSite = (id: number) => {
    setSiteId(id);
    setSiteText((view.sites.find((s) => s.siteId === id)?.terms ?? []).join('\n'));
  };
  const save = async (target: number | null, text: string) => {
    setError(null);
    setMessage(null);
    try {
      const saved = await call('saveWhitelist', { siteId: target, terms: lines(text) });
      setView(saved);
      const terms =
        target === null ? saved.global : (saved.sites.find((s) => s.siteId === target)?.terms ?? []);
      if (target === null) setGlobalText(terms.join('\n'));
      else setSiteText(terms.join('\n'));
      const scope =
        target === null ? '全局白名单' : `“${saved.sites.find((s) => s.siteId === target)?.name}”的白名单`;
      setMessage(`${scope}已保存（${terms.length} 个词），下一次检查起生效。`);
    } catch (failure) {
      setError(userMessage(failure));
    }
  };

  return (
    <div data-testid="whitelists">
      <SuccessNotice message={message} />
      <ErrorNotice message={error} />
      <div className="form-grid">
        <div className="field">
          <Field label="全局白名单（所有网站适用，每行一个词）">
            <textarea rows={6} value={globalText} onChange={(e) => setGlobalText(e.target.value)} />
          </Field>
          <span className="actions-inline">
            <button type="button" className="btn" onClick={() => void save(null, globalText)}>
              保存全局白名单
            </button>
          </span>
        </div>
        {siteId === null ? (
          <p className="hint">台账中还没有网站；添加网站后可为单个网站设置白名单。</p>
        ) : (
          <div className="field">
            <Field label="网站">
              <select
                aria-label="白名单所属网站"
                value={siteId}
                onChange={(e) => chooseSite(Number(e.target.value))}
              >
                {view.sites.map((s) => (
                  <option key={s.siteId} value={s.siteId}>
                    {s.name}（{s.terms.length} 个词）
                  </option>
                ))}
              </select>
            </Field>
            <Field label="该网站的白名单（每行一个词）">
              <textarea rows={4} value={siteText} onChange={(e) => setSiteText(e.target.value)} />
            </Field>
            <span className="actions-inline">
              <button type="button" className="btn" onClick={() => void save(siteId, siteText)}>
                保存网站白名单
              </button>
            </span>
          </div>
        )}
      </div>
    </div>
  );
}
