import { useEffect, useRef, useState } from 'preact/hooks';
import type { PopupState, ReportOutcome } from '../core/messages.ts';
import type { Problem } from '../core/protocol.ts';
import { PROBLEM_CHOICES } from '../ui/choices.ts';
import { ask, errorText } from '../ui/ask.ts';
import { formatTime, t } from '../ui/i18n.ts';

type SendState =
  | { kind: 'idle' }
  | { kind: 'choosing' }
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

/** The problems in the order offered: the one this browser's signals point at first. */
export function problemOrder(suggested: Problem): Problem[] {
  return [suggested, ...PROBLEM_CHOICES.filter((p) => p !== suggested)];
}

/**
 * Report in two taps and never a silent default: the button opens the
 * problems, and choosing one sends it. The answer says what happened.
 */
export function ReportForm({ tabId, serviceName, suggested, lastReport, onReported }: ReportFormProps) {
  const [send, setSend] = useState<SendState>({ kind: 'idle' });
  const firstChoice = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (send.kind === 'choosing') firstChoice.current?.focus();
  }, [send.kind]);

  async function report(problem: Problem) {
    setSend({ kind: 'sending' });
    try {
      const answer = await ask('popup/report', { tabId, problem });
      setSend({ kind: 'done', outcome: answer.outcome, reason: answer.reason });
      onReported(answer.outcome);
    } catch (e) {
      setSend({ kind: 'failed', message: errorText(e) });
    }
    opener.current?.focus();
  }

  function close() {
    setSend({ kind: 'idle' });
    opener.current?.focus();
  }

  const message =
    send.kind === 'sending' ? t('reportSending')
    : send.kind === 'done' ? outcomeText(send.outcome, serviceName, send.reason)
    : send.kind === 'failed' ? t('reportFailed', send.message)
    : '';
  const tone = send.kind === 'failed' || (send.kind === 'done' && send.outcome === 'rejected') ? 'bad' : 'good';

  return (
    <section class="report" aria-label={t('reportHeading', serviceName)}>
      <button ref={opener} type="button" class="report-button" data-testid="report-button" aria-expanded={send.kind === 'choosing'}
        aria-controls="problem-sheet" disabled={send.kind === 'sending'} onClick={() => setSend({ kind: 'choosing' })}>
        {t('reportButton')}
      </button>
      <p class={`report-outcome ${message ? tone : 'muted'}`} role="status" data-outcome={send.kind === 'done' ? send.outcome : send.kind}>
        {message || (lastReport ? t('lastReport', [formatTime(lastReport.at), t(`outcomeShort_${lastReport.outcome}`)]) : '')}
      </p>
      {send.kind === 'choosing' && (
        <div class="sheet" id="problem-sheet" role="dialog" aria-modal="true" aria-labelledby="problem-question" onKeyDown={(e) => e.key === 'Escape' && close()}>
          <p class="sheet-question" id="problem-question">{t('reportQuestion', serviceName)}</p>
          <div class="problems">
            {problemOrder(suggested).map((p, i) => (
              <button key={p} ref={i === 0 ? firstChoice : undefined} type="button" class="problem-choice" data-problem={p} onClick={() => void report(p)}>
                {t(`problem_${p}`)}
              </button>
            ))}
          </div>
          <button type="button" class="link-button" onClick={close}>{t('reportCancel')}</button>
        </div>
      )}
    </section>
  );
}
