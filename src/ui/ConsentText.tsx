import { t } from './i18n.ts';

// docs/privacy-and-trust.md, word for word in substance: exactly what a report carries and what it never does.
const SENT = ['service', 'problem', 'source', 'time', 'client', 'country'] as const;

/** What automatic (and manual) reports send, shown on the first-run page and next to the options switch. */
export function ConsentText({ id }: { id?: string }) {
  return (
    <div class="consent" id={id}>
      <p>{t('consentIntro')}</p>
      <ul class="consent-sent">
        {SENT.map((item) => (
          <li key={item}>{t(`consentSent_${item}`)}</li>
        ))}
      </ul>
      <p>{t('consentNeverIntro')}</p>
      <ul class="consent-never">
        <li>{t('consentNever')}</li>
      </ul>
      <p>{t('consentRetention')}</p>
      <p>{t('consentManual')}</p>
    </div>
  );
}
