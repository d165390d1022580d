// The site's short pages: not found (an id that names no service, an unknown
// path) and the answer to the report form.
import { t } from '../ui/i18n.ts';
import { ReportForm } from './ReportSection.tsx';
import { SearchForm } from './HomePage.tsx';
import { servicePath, siteHref } from './siteFormat.tsx';
import type { SiteLanguage } from './siteLanguages.ts';

/** `asked`: what the reader typed or requested (shown back to them; rendered as text, never as markup). */
export function NotFoundPage({ asked, language }: { asked?: string; language: SiteLanguage }) {
  return (
    <article class="prose">
      <h1>{t('site_notFoundTitle')}</h1>
      <p data-testid="not-found">{asked === undefined ? t('site_pageNotFound') : t('site_notFoundText', asked)}</p>
      <p>{t('site_notFoundHint')}</p>
      <SearchForm language={language} />
    </article>
  );
}

/** What became of a report sent with the form: a result status of the protocol, or why none was given. */
export type ReportOutcome = 'counted' | 'duplicate' | 'suppressed' | 'rejected' | 'limited' | 'unavailable' | 'bad_form';

export interface ReportAnswer {
  service: string;
  name: string;
  outcome: ReportOutcome;
  /** The rejection reason, the seconds to wait, or what was wrong with the form. */
  detail?: string;
  client: string;
  problem?: string;
}

const TONE: Record<ReportOutcome, 'good' | 'neutral' | 'bad'> = {
  counted: 'good', duplicate: 'neutral', suppressed: 'neutral', rejected: 'bad', limited: 'bad', unavailable: 'bad', bad_form: 'bad',
};

/** The sentence saying what happened to the report. */
export function outcomeMessage(answer: ReportAnswer): string {
  switch (answer.outcome) {
    case 'counted': return t('reportOutcome_counted');
    case 'duplicate': return t('reportOutcome_duplicate');
    case 'suppressed': return t('reportOutcome_suppressed', answer.name);
    case 'rejected': return t('reportOutcome_rejected', answer.detail || t('reportNoReason'));
    case 'limited': return t('site_answerLimited', answer.detail ?? '60');
    case 'unavailable': return t('site_answerUnavailable');
    case 'bad_form': return t('site_answerBadForm', answer.detail ?? '');
  }
}

export function ReportAnswerPage({ answer, language }: { answer: ReportAnswer; language: SiteLanguage }) {
  return (
    <article class="prose">
      <h1>{t('site_answerTitle', answer.name)}</h1>
      <p class={`outcome outcome-${TONE[answer.outcome]}`} role="status" data-testid="report-outcome" data-outcome={answer.outcome}>
        {outcomeMessage(answer)}
      </p>
      <p><a href={siteHref(servicePath(answer.service), language)}>{t('site_answerBack', answer.name)}</a></p>
      <section class="card" aria-labelledby="again-heading">
        <h2 id="again-heading">{t('site_answerAgain')}</h2>
        <ReportForm service={answer.service} name={answer.name} language={language} client={answer.client} problem={answer.problem} />
      </section>
    </article>
  );
}
