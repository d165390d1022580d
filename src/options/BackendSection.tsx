import { useState } from 'preact/hooks';
import { DEFAULT_BACKEND_URL, normaliseBackendUrl, type Settings } from '../core/settings.ts';
import { ask, errorText } from '../ui/ask.ts';
import { formatNumber, t } from '../ui/i18n.ts';

type Note = { ok: boolean; text: string } | null;

/** The backend URL: validated before it is saved or tested, tested without saving. */
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
    if (await save({ backendUrl: url })) {
      setValue(url);
      setNote({ ok: true, text: t('backendSaved') });
    }
  }

  async function onTest() {
    const url = validUrl();
    if (!url) return;
    setTesting(true);
    setNote({ ok: true, text: t('backendTesting') });
    try {
      const answer = await ask('options/testBackend', { url });
      setNote(
        answer.ok
          ? { ok: true, text: t('backendTestOk', formatNumber(answer.latencyMs ?? 0)) }
          : { ok: false, text: t('backendTestFailed', answer.error ?? '') },
      );
    } catch (e) {
      setNote({ ok: false, text: t('backendTestFailed', errorText(e)) });
    } finally {
      setTesting(false);
    }
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
