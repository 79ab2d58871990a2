import { useState } from 'react';
import type { Site } from '../../shared/domain.js';
import { call } from '../api.js';
import { useAction } from '../useAction.js';
import { Field } from './Field.js';
import { ErrorNotice } from './Notice.js';

const SITE_TYPES = ['政府门户网站', '部门网站', '专项网站'];

export function SiteForm({ site, onSaved }: { site: Site | null; onSaved: (site: Site) => void }) {
  const [name, setName] = useState(site?.name ?? '');
  const [url, setUrl] = useState(site?.url ?? '');
  const [siteCode, setSiteCode] = useState(site?.siteCode ?? '');
  const [sponsor, setSponsor] = useState(site?.sponsor ?? '');
  const [supervisor, setSupervisor] = useState(site?.supervisor ?? '');
  const [siteType, setSiteType] = useState(site?.siteType ?? SITE_TYPES[0]);
  const [noPublicService, setNoPublicService] = useState(site?.noPublicService ?? false);
  const { busy, error, act } = useAction();

  const save = async () => {
    await act(async () => {
      const saved = await call('saveSite', {
        id: site?.id,
        name: name.trim(),
        url: url.trim(),
        siteCode: siteCode.trim() || null,
        sponsor: sponsor.trim() || null,
        supervisor: supervisor.trim() || null,
        siteType,
        info: site?.info,
        noPublicService,
      });
      onSaved(saved);
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
      <Field label="网站名称">
        <input
          required
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="例如 某某县人民政府"
        />
      </Field>
      <Field label="首页网址">
        <input
          required
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          placeholder="http://www.example.gov.cn/"
        />
      </Field>
      <Field label="网站标识码">
        <input
          value={siteCode}
          onChange={(e) => setSiteCode(e.target.value)}
          placeholder="10位数字，可暂不填写"
        />
      </Field>
      <Field label="网站类型">
        <select value={siteType} onChange={(e) => setSiteType(e.target.value)}>
          {[...new Set([...SITE_TYPES, siteType])].map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </Field>
      <Field label="主办单位">
        <input value={sponsor} onChange={(e) => setSponsor(e.target.value)} />
      </Field>
      <Field label="主管单位">
        <input value={supervisor} onChange={(e) => setSupervisor(e.target.value)} />
      </Field>
      <label className="field-check field-wide">
        <input
          type="checkbox"
          checked={noPublicService}
          onChange={(e) => setNoPublicService(e.target.checked)}
        />
        本单位无对外办事服务职能（评分时按规则折算）
      </label>
      <div className="field-wide">
        <ErrorNotice message={error} />
      </div>
      <div className="actions field-wide">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? '保存中…' : '保存'}
        </button>
      </div>
    </form>
  );
}
