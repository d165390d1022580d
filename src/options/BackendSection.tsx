import { useState } from 'preact/hooks';
import { DEFAULT_BACKEND_URL, normaliseBackendUrl, type Settings } from '../core/settings.ts';
import { ask, errorText } from '../ui/ask.ts';
import { formatNumber, t } from '../ui/i18n.ts';

type Note = { ok: boolean; text: string } | null;

/** The backend URL: validated before it is saved or tested; saving tests it too, testing does not save. */
export function BackendSection({ settings, save }: { settings: Settings; save(update: Partial<Settings>): Promise<boolean> }) {
  const [value, setValue] = useState(settings.backendUrl);
  const [invalid, setInvalid] = useState(false);
  const [note, setNote] = useState<Note>(null);
  const [testing, setTesting] = useState(false);

  function validUrl(): string | undefined {
    const url = normaliseBackendUrl(value);
    setInvalid(!url);
    if (!url) setNote(null);
    return url;
  }

  async function onSave(event: Event) {
    event.preventDefault();
    const url = validUrl();
    if (!url) return;
    if (!(await save({ backendUrl: url }))) return;
    setValue(url);
    // A saved address that answers nothing would leave reports queued unseen: say so at once.
    await probe(url, (found) => (found.ok ? t('backendSavedOk', found.text) : t('backendSavedUnreachable', found.text)));
  }

  async function onTest() {
    const url = validUrl();
    if (url) await probe(url, (found) => (found.ok ? t('backendTestOk', found.text) : t('backendTestFailed', found.text)));
  }

  /** Asks the background to reach `url`; `say` words the answer (latency or the error). */
  async function probe(url: string, say: (found: { ok: boolean; text: string }) => string) {
    setTesting(true);
    setNote({ ok: true, text: t('backendTesting') });
    let found: { ok: boolean; text: string };
    try {
      const answer = await ask('options/testBackend', { url });
      found = answer.ok ? { ok: true, text: formatNumber(answer.latencyMs ?? 0) } : { ok: false, text: answer.error ?? '' };
    } catch (e) {
      found = { ok: false, text: errorText(e) };
    }
    setNote({ ok: found.ok, text: say(found) });
    setTesting(false);
  }

  return (
    <section aria-labelledby="backend-heading">
      <h2 id="backend-heading">{t('backendHeading')}</h2>
      <form onSubmit={onSave} noValidate>
        <label for="backend-url">{t('backendLabel')}</label>
        <div class="row">
          <input
            id="backend-url"
            type="url"
            inputMode="url"
            spellcheck={false}
            value={value}
            aria-invalid={invalid}
            aria-describedby={invalid ? 'backend-error backend-help' : 'backend-help'}
            onInput={(e) => {
              setValue((e.currentTarget as HTMLInputElement).value);
              setInvalid(false);
            }}
          />
          <button type="submit" class="primary">
            {t('backendSave')}
          </button>
          <button type="button" onClick={() => void onTest()} disabled={testing}>
            {t('backendTest')}
          </button>
        </div>
        {invalid && (
          <p id="backend-error" class="bad" role="alert">
            {t('backendInvalid')}
          </p>
        )}
        <p id="backend-help" class="muted">
          {t('backendHelp', DEFAULT_BACKEND_URL)}
        </p>
        <p class={note ? (note.ok ? 'good' : 'bad') : ''} role="status" data-testid="backend-note">
          {note?.text ?? ''}
        </p>
      </form>
    </section>
  );
}
