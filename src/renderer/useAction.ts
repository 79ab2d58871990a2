import { useCallback, useState } from 'react';
import { userMessage } from './api.js';

/**
 * One call to the engine behind a button: `busy` while it runs (the button disables itself) and its failure,
 * in plain Chinese, in `error`. What every form's submit handler used to spell out by hand.
 */
export function useAction(): {
  busy: boolean;
  error: string | null;
  setError: (message: string | null) => void;
  act: (work: () => Promise<void>) => Promise<void>;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const act = useCallback(async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (failure) {
      setError(userMessage(failure));
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, act };
}
