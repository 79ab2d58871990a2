import type { ReactNode } from 'react';

export function ErrorNotice({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div className="notice notice-error" role="alert">
      {message}
    </div>
  );
}

export function SuccessNotice({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div className="notice notice-ok" role="status">
      {message}
    </div>
  );
}

/** An empty state always says what to do next. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <div className="empty-title">{title}</div>
      {children && <div className="empty-body">{children}</div>}
    </div>
  );
}

export function Loading() {
  return (
    <div className="loading" role="status">
      正在加载…
    </div>
  );
}
