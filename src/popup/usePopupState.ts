import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { PopupState } from '../core/messages.ts';
import { ask, errorText } from '../ui/ask.ts';

export interface PopupStateView {
  state: PopupState | null;
  /** True while the fresh (server) answer is still out. */
  refreshing: boolean;
  /** The background did not answer at all (not a server problem: that is `state.serverUnreachable`). */
  error: string | null;
  reload(fresh: boolean): void;
  /** Asks the server again now (the user's Retry). */
  retry(): void;
}

/**
 * Shows the cached state at once (`fresh: false`), then replaces it with the
 * one the background refetched from the server (`fresh: true`). An answer to
 * an older request that arrives late never overwrites a newer one. `service`
 * shows another service than the tab's (opened from the list or the search).
 */
export function usePopupState(tabId: number, service?: string): PopupStateView {
  const [state, setState] = useState<PopupState | null>(null);
  const [refreshing, setRefreshing] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const issued = useRef(0);
  const applied = useRef(0);

  const reload = useCallback(
    (fresh: boolean, retry = false) => {
      const seq = ++issued.current;
      if (fresh) setRefreshing(true);
      ask('popup/getState', { tabId, fresh, ...(service === undefined ? {} : { service }), ...(retry ? { retry } : {}) })
        .then((next) => {
          if (seq < applied.current) return; // an older request answered late
          applied.current = seq;
          setState(next);
          setError(null);
        })
        .catch((e: unknown) => setError(errorText(e)))
        .finally(() => fresh && setRefreshing(false));
    },
    [tabId, service],
  );

  useEffect(() => {
    reload(false);
    reload(true);
  }, [reload]);

  return { state, refreshing, error, reload, retry: () => reload(true, true) };
}
