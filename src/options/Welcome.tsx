import { useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { ask, errorText } from '../ui/ask.ts';
import { ConsentText } from '../ui/ConsentText.tsx';
import { EnglishLabel } from '../ui/EnglishLabel.tsx';
import { ENGLISH_NAMES } from '../ui/englishNames.ts';
import { t } from '../ui/i18n.ts';

type Answer = { kind: 'open' } | { kind: 'saving' } | { kind: 'saved'; autoReport: boolean } | { kind: 'failed'; message: string };

/** First-run consent (DESIGN §4–§5): automatic reports stay off unless the user turns them on here or in options. */
export function Welcome() {
  const [answer, setAnswer] = useState<Answer>({ kind: 'open' });

  async function choose(autoReport: boolean) {
    setAnswer({ kind: 'saving' });
    try {
      const stored = await ask('options/saveSettings', { autoReport, consentAnswered: true });
      setAnswer({ kind: 'saved', autoReport: stored.autoReport });
    } catch (e) {
      setAnswer({ kind: 'failed', message: errorText(e) });
    }
  }

  const message =
    answer.kind === 'saved' ? t(answer.autoReport ? 'welcomeDoneOn' : 'welcomeDoneOff')
    : answer.kind === 'failed' ? t('settingsSaveFailed', answer.message)
    : '';

  return (
    <main class="page welcome">
      <h1>
        <img class="welcome-logo" src="/icons/icon-48.png" width="40" height="40" alt="" /> {t('welcomeTitle')}
      </h1>
      <p>{t('welcomeIntro')}</p>
      <h2>{t('welcomeQuestion')}</h2>
      <ConsentText />
      <div class="choice">
        <button type="button" class="primary" aria-label={ENGLISH_NAMES.welcomeOn} disabled={answer.kind === 'saving'} onClick={() => void choose(true)}>
          <EnglishLabel name="welcomeOn" />
        </button>
        <button type="button" aria-label={ENGLISH_NAMES.welcomeOff} disabled={answer.kind === 'saving'} onClick={() => void choose(false)}>
          <EnglishLabel name="welcomeOff" />
        </button>
      </div>
      <p class={answer.kind === 'failed' ? 'bad' : 'good'} role="status" data-testid="welcome-status">
        {message}
      </p>
      {answer.kind === 'saved' && (
        <button type="button" class="link-button" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('openSettings')}
        </button>
      )}
    </main>
  );
}
