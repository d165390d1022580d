import { useCallback, useEffect, useState } from 'preact/hooks';
import type { SignalLogEntry } from '../core/messages.ts';
import { ask, errorText } from '../ui/ask.ts';
import { formatTime, t, uiLanguage } from '../ui/i18n.ts';

function formatDateTime(at: number): string {
  try {
    return new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'short', timeStyle: 'short' }).format(new Date(at));
  } catch {
    return formatTime(at);
  }
}

/** The local signal log and the "clear local data" control (two steps: it also drops queued reports). */
export function LocalDataSection() {
  const [log, setLog] = useState<SignalLogEntry[] | null>(null);
  const [logError, setLogError] = useState<string | null>(null);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [confirming, setConfirming] = useState(false);

  const loadLog = useCallback(() => {
    ask('options/getSignalLog', {}).then(
      (entries) => {
        setLog([...entries].sort((a, b) => b.at - a.at));
        setLogError(null);
      },
      (e: unknown) => setLogError(t('loadFailed', errorText(e))),
    );
  }, []);
  useEffect(loadLog, [loadLog]);

  async function clear() {
    setConfirming(false);
    try {
      await ask('options/clearData', {});
      setNote({ ok: true, text: t('clearDone') });
      loadLog();
    } catch (e) {
      setNote({ ok: false, text: t('settingsSaveFailed', errorText(e)) });
    }
  }

  return (
    <>
      <section aria-labelledby="log-heading">
        <h2 id="log-heading">{t('logHeading')}</h2>
        <p class="muted">{t('logHelp')}</p>
        <button type="button" onClick={loadLog}>
          {t('logRefresh')}
        </button>
        {logError && <p class="bad">{logError}</p>}
        {log && log.length === 0 && <p data-testid="log-empty">{t('logEmpty')}</p>}
        {log && log.length > 0 && (
          <table class="signal-log">
            <caption class="visually-hidden">{t('logHeading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('logColTime')}</th>
                <th scope="col">{t('logColService')}</th>
                <th scope="col">{t('logColSignal')}</th>
                <th scope="col">{t('logColDetail')}</th>
                <th scope="col">{t('logColBlamed')}</th>
              </tr>
            </thead>
            <tbody>
              {log.map((entry, i) => (
                <tr key={`${entry.at}-${i}`}>
                  <td>{formatDateTime(entry.at)}</td>
                  <td>{entry.service}</td>
                  <td>{t(`signalName_${entry.signal}`)}</td>
                  <td>
                    <code>{entry.detail}</code>
                  </td>
                  <td>{t(`blamed_${entry.blamed}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="clear-heading">
        <h2 id="clear-heading">{t('clearHeading')}</h2>
        <p class="muted">{t('clearHelp')}</p>
        {!confirming ? (
          <button type="button" onClick={() => setConfirming(true)}>
            {t('clearButton')}
          </button>
        ) : (
          <div role="group" aria-labelledby="clear-question">
            <p id="clear-question">{t('clearConfirmQuestion')}</p>
            <button type="button" class="danger" onClick={() => void clear()}>
              {t('clearConfirm')}
            </button>{' '}
            <button type="button" onClick={() => setConfirming(false)}>
              {t('clearCancel')}
            </button>
          </div>
        )}
        <p class={note ? (note.ok ? 'good' : 'bad') : ''} role="status" data-testid="clear-note">
          {note?.text ?? ''}
        </p>
      </section>
    </>
  );
}
