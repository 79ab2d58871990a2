// A labelled form control: the visible label names the control, so screen readers and tests find it by it.
import type { ReactNode } from 'react';

export function Field({
  label,
  wide = false,
  children,
}: {
  label: string;
  wide?: boolean;
  children: ReactNode;
}) {
  return (
    <label className={wide ? 'field field-wide' : 'field'}>
      <span className="field-label">{label}</span>
      {children}
    </label>
  );
}
