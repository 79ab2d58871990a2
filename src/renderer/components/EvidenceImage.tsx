// A screenshot from the workspace's evidence, shown as a data URL (the audited page itself is never
// loaded), with the offending element's box drawn over it and a zoom.
import { useEffect, useRef, useState } from 'react';
import type { Box, EvidenceRef } from '../../shared/domain.js';
import { call } from '../api.js';
import { useQuery } from '../useQuery.js';
import { ErrorNotice, Loading } from './Notice.js';

const ZOOMS = [0.25, 0.5, 1, 1.5, 2];

export function EvidenceImage({
  evidence,
  box,
  label,
}: {
  evidence: EvidenceRef;
  box?: Box | null;
  label: string;
}) {
  const image = useQuery(evidence.path, () => call('readEvidence', { path: evidence.path }));
  const [zoom, setZoom] = useState(0.5);
  const [natural, setNatural] = useState<{ width: number; height: number } | null>(null);
  const frame = useRef<HTMLDivElement>(null);

  // Bring the highlighted element into view once the image has its size.
  useEffect(() => {
    if (!natural || !box || !frame.current) return;
    frame.current.scrollTo({ left: Math.max(0, box.x * zoom - 40), top: Math.max(0, box.y * zoom - 60) });
  }, [natural, box, zoom]);

  if (image.error) return <ErrorNotice message={image.error} />;
  if (!image.data) return <Loading />;
  const intact = image.data.sha256 === evidence.sha256;
  return (
    <figure className="evidence">
      <div className="evidence-tools">
        <span className="evidence-label">{label}</span>
        <span className="zoom" role="group" aria-label="缩放">
          {ZOOMS.map((z) => (
            <button
              type="button"
              key={z}
              className={z === zoom ? 'btn-small active' : 'btn-small'}
              aria-pressed={z === zoom}
              onClick={() => setZoom(z)}
            >
              {Math.round(z * 100)}%
            </button>
          ))}
        </span>
      </div>
      <div className="evidence-frame" ref={frame} tabIndex={0} aria-label={`${label}（可滚动）`}>
        <div
          className="evidence-canvas"
          style={natural ? { width: natural.width * zoom, height: natural.height * zoom } : undefined}
        >
          <img
            src={image.data.dataUrl}
            alt={label}
            onLoad={(event) =>
              setNatural({
                width: event.currentTarget.naturalWidth,
                height: event.currentTarget.naturalHeight,
              })
            }
            style={natural ? { width: natural.width * zoom, height: natural.height * zoom } : undefined}
          />
          {natural && box && (
            <div
              className="evidence-box"
              data-testid="evidence-box"
              style={{
                left: box.x * zoom,
                top: box.y * zoom,
                width: box.width * zoom,
                height: box.height * zoom,
              }}
            />
          )}
        </div>
      </div>
      <figcaption className="evidence-hash">
        SHA-256：<code>{image.data.sha256}</code>
        <span className={intact ? 'tag tag-ok' : 'tag tag-bad'}>
          {intact ? '与入库记录一致' : '与入库记录不一致'}
        </span>
      </figcaption>
    </figure>
  );
}

/** The picture to show for a set of evidence: the full screenshot if kept, else the cropped copy. */
export function pickScreenshot(evidence: EvidenceRef[]): { ref: EvidenceRef; boxApplies: boolean } | null {
  const full = evidence.find((e) => e.kind === 'screenshot');
  if (full) return { ref: full, boxApplies: true };
  const crop = evidence.find((e) => e.kind === 'crop') ?? evidence.find((e) => e.kind === 'thumbnail');
  return crop ? { ref: crop, boxApplies: false } : null;
}
