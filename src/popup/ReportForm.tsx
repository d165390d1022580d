import { useEffect, useState } from 'preact/hooks';
import type { PopupState, ReportOutcome } from '../core/messages.ts';
import type { Problem } from '../core/protocol.ts';
import { PROBLEM_CHOICES } from '../ui/choices.ts';
import { ask, errorText } from '../ui/ask.ts';
import { EnglishLabel } from '../ui/EnglishLabel.tsx';
import { ENGLISH_NAMES } from '../ui/englishNames.ts';
import { formatTime, t } from '../ui/i18n.ts';

type SendState =
  | { kind: 'idle' }
  | { kind: 'sending' }
  | { kind: 'done'; outcome: ReportOutcome; reason?: string }
  | { kind: 'failed'; message: string };

export function outcomeText(outcome: ReportOutcome, serviceName: string, reason?: string): string {
  switch (outcome) {
    case 'suppressed':
      return t('reportOutcome_suppressed', serviceName);
    case 'rejected':
      return t('reportOutcome_rejected', reason || t('reportNoReason'));
    default:
      return t(`reportOutcome_${outcome}`);
  }
}

interface ReportFormProps {
  tabId: number;
  serviceName: string;
  suggested: Problem;
  lastReport: PopupState['lastReport'];
  onReported(outcome: ReportOutcome): void;
}

/** The one-click report: problem pre-chosen from the signals seen, changeable, and an answer saying what happened. */
export function ReportForm({ tabId, serviceName, suggested, lastReport, onReported }: ReportFormProps) {
  const [problem, setProblem] = useState<Problem>(suggested);
  const [chosenByUser, setChosenByUser] = useState(false);
  const [send, setSend] = useState<SendState>({ kind: 'idle' });

  // A fresher state may suggest a better default; the user's own choice wins.
  useEffect(() => {
    if (!chosenByUser) setProblem(suggested);
  }, [suggested, chosenByUser]);

  async function report(event: Event) {
    event.preventDefault();
    if (send.kind === 'sending') return;
    setSend({ kind: 'sending' });
    try {
      const answer = await ask('popup/report', { tabId, problem });
      setSend({ kind: 'done', outcome: answer.outcome, reason: answer.reason });
      onReported(answer.outcome);
    } catch (e) {
      setSend({ kind: 'failed', message: errorText(e) });
    }
  }

  const message =
    send.kind === 'sending' ? t('reportSending')
    : send.kind === 'done' ? outcomeText(send.outcome, serviceName, send.reason)
    : send.kind === 'failed' ? t('reportFailed', send.message)
    : '';
  const tone = send.kind === 'failed' || (send.kind === 'done' && send.outcome === 'rejected') ? 'bad' : 'good';

  return (
    <section class="report" aria-labelledby="report-heading">
      <h2 id="report-heading">{t('reportHeading', serviceName)}</h2>
      <form onSubmit={report}>
        <label for="problem">{t('reportProblemLabel')}</label>
        <select
          id="problem"
          value={problem}
          onChange={(e) => {
            setProblem((e.currentTarget as HTMLSelectElement).value as Problem);
            setChosenByUser(true);
          }}
        >
          {PROBLEM_CHOICES.map((p) => (
            <option key={p} value={p}>
              {t(`problem_${p}`)}
            </option>
          ))}
        </select>
        <button type="submit" class="report-button" aria-label={ENGLISH_NAMES.reportButton} disabled={send.kind === 'sending'}>
          <EnglishLabel name="reportButton" />
        </button>
      </form>
      <p class={`report-outcome ${message ? tone : ''}`} role="status" data-outcome={send.kind === 'done' ? send.outcome : send.kind}>
        {message}
      </p>
      {lastReport && send.kind === 'idle' && (
        <p class="muted">{t('lastReport', [formatTime(lastReport.at), t(`outcomeShort_${lastReport.outcome}`)])}</p>
      )}
    </section>
  );
}
