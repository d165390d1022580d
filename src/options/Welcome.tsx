import { useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { ask, errorText } from '../ui/ask.ts';
import { ConsentText } from '../ui/ConsentText.tsx';
import { t } from '../ui/i18n.ts';

type Answer = { kind: 'open' } | { kind: 'saving' } | { kind: 'saved'; autoReport: boolean } | { kind: 'failed'; message: string };

/**
 * First-run page (docs/privacy-and-trust.md): automatic reports stay off unless
 * the user turns them on here or in options; once answered, the page keeps the
 * choice on screen and says what to do next.
 */
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
  const chosen = answer.kind === 'saved' ? (answer.autoReport ? 'on' : 'off') : undefined;

  return (
    <main class="page welcome">
      <h1>
        <img class="welcome-logo" src="/icons/icon-48.png" width="40" height="40" alt="" /> {t('welcomeTitle')}
      </h1>
      <p>{t('welcomeIntro')}</p>
      <h2>{t('welcomeQuestion')}</h2>
      <ConsentText />
      <div class="choice">
        <button type="button" class="primary" data-testid="welcome-on" aria-pressed={chosen === 'on'} disabled={answer.kind === 'saving'} onClick={() => void choose(true)}>
          {t('welcomeOn')}
        </button>
        <button type="button" data-testid="welcome-off" aria-pressed={chosen === 'off'} disabled={answer.kind === 'saving'} onClick={() => void choose(false)}>
          {t('welcomeOff')}
        </button>
      </div>
      <p class={answer.kind === 'failed' ? 'bad' : 'good'} role="status" data-testid="welcome-status">
        {message}
      </p>
      {answer.kind === 'saved' && (
        <section aria-labelledby="next-heading" data-testid="welcome-next">
          <h2 id="next-heading">{t('welcomeNextHeading')}</h2>
          <ol class="next-steps">
            <li>{t('welcomeNextPin')}</li>
            <li>{t('welcomeNextOpen')}</li>
            <li>{t('welcomeNextBadge')}</li>
          </ol>
          <button type="button" class="link-button" onClick={() => void browser.runtime.openOptionsPage()}>
            {t('openSettings')}
          </button>
        </section>
      )}
    </main>
  );
}
