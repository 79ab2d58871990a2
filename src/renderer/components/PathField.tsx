// A file or folder path: typed, pasted, or chosen in the system dialog the desktop shell opens.
import { useState } from 'react';
import type { ApiInput } from '../../shared/api.js';
import { call, userMessage } from '../api.js';

export function PathField({
  label,
  value,
  onChange,
  dialog,
  placeholder,
}: {
  label: string;
  value: string;
  onChange: (path: string) => void;
  dialog: ApiInput<'chooseFile'>;
  placeholder: string;
}) {
  const [error, setError] = useState<string | null>(null);
  const choose = async () => {
    setError(null);
    try {
      const picked = await call('chooseFile', dialog);
      if (picked.path) onChange(picked.path);
    } catch (failure) {
      setError(`无法打开选择窗口（${userMessage(failure)}），请直接输入完整路径。`);
    }
  };
  return (
    <div className="field">
      <label>
        <span className="field-label">{label}</span>
        <span className="path-row">
          <input
            type="text"
            value={value}
            placeholder={placeholder}
            onChange={(event) => onChange(event.target.value)}
          />
          <button type="button" className="btn" onClick={() => void choose()}>
            选择…
          </button>
        </span>
      </label>
      {error && <div className="field-error">{error}</div>}
    </div>
  );
}
