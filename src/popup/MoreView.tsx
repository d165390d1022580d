import { useEffect, useRef, useState } from 'preact/hooks';
import type { PopupState } from '../core/messages.ts';
import { countryName } from '../ui/countryName.ts';
import { t, uiTexts } from '../ui/i18n.ts';
import { signalCountText } from '../ui/verdict.ts';
import { Breakdown } from './Breakdown.tsx';
import { Elsewhere } from './Elsewhere.tsx';

interface MoreViewProps {
  state: PopupState;
  /** Put the cursor in the search box (opened with the header's search button). */
  focusSearch: boolean;
  onOpen(service: string): void;
  onBack(): void;
}

/** The second view: look up any service, what is down elsewhere, countries, what this browser saw. */
export function MoreView({ state, focusSearch, onOpen, onBack }: MoreViewProps) {
  const [query, setQuery] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (focusSearch) input.current?.focus();
  }, [focusSearch]);
  const name = state.serviceName ?? state.service;
  const texts = uiTexts();
  return (
    <div class="more" data-testid="more-view">
      <button type="button" class="link-button back" onClick={onBack}>‹ {name ? t('backTo', name) : t('back')}</button>
      <form class="search" role="search" onSubmit={(e) => { e.preventDefault(); if (query.trim()) onOpen(query.trim()); }}>
        <label for="search-input">{t('searchLabel')}</label>
        <div class="search-row">
          <input id="search-input" ref={input} type="text" value={query} autocomplete="off" spellcheck={false}
            placeholder={t('searchPlaceholder')} onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)} />
          <button type="submit">{t('searchGo')}</button>
        </div>
        {state.lookupFailed && <p class="bad" role="alert">{t('searchNotFound')}</p>}
      </form>
      <Elsewhere services={state.elsewhere} unknown={state.serverUnreachable} onOpen={onOpen} />
      {state.detail && name && (
        <Breakdown id="countries-heading" heading={t('countriesHeading')}
          rows={state.detail.countries.map((c) => ({ key: c.country, label: countryName(c.country), count: c.count }))} />
      )}
      {name && (
        <section aria-labelledby="own-heading">
          <h2 id="own-heading">{t('ownHeading')}</h2>
          {state.ownSignals.length === 0 ? (
            <p class="muted">{t('ownNone', name)}</p>
          ) : (
            <ul class="own-signals">
              {state.ownSignals.map((s) => (
                <li key={s.signal} data-signal={s.signal}>{t('ownLine', [signalCountText(texts, s.signal, s.count), name])}</li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}
