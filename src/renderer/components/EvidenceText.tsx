// A text evidence file (the HTTP exchange record, the DOM snapshot) shown as text, never as HTML.
import type { EvidenceRef } from '../../shared/domain.js';
import { call } from '../api.js';
import { useQuery } from '../useQuery.js';
import { ErrorNotice, Loading } from './Notice.js';

const MAX_SHOWN = 20_000;

function decodeDataUrl(dataUrl: string): string {
  const comma = dataUrl.indexOf(',');
  const header = dataUrl.slice(0, comma);
  const body = dataUrl.slice(comma + 1);
  if (!header.endsWith(';base64')) return decodeURIComponent(body);
  const bytes = Uint8Array.from(atob(body), (c) => c.charCodeAt(0));
  return new TextDecoder('utf-8').decode(bytes);
}

export function EvidenceText({ evidence, label }: { evidence: EvidenceRef; label: string }) {
  const file = useQuery(evidence.path, () => call('readEvidence', { path: evidence.path }));
  if (file.error) return <ErrorNotice message={file.error} />;
  if (!file.data) return <Loading />;
  const text = decodeDataUrl(file.data.dataUrl);
  return (
    <details className="evidence-text">
      <summary>
        {label}（SHA-256 {file.data.sha256.slice(0, 16)}…）
      </summary>
      <pre>{text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}\n……（其余内容见证据文件）` : text}</pre>
    </details>
  );
}
