// POST /s/{id}/report: the site's report form, for people without the
// extension and without scripts (docs/site.md). The form's fields become one
// report of the wire protocol (`source: "manual"`, no signals, observed now)
// and go through the same intake as POST /v1/reports: the same validation,
// the same per-network and per-install limits, the same group commit. The
// answer is an HTML page; it renders the client id into its own form, so a
// second report from it is `suppressed`.
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ReportAnswer as AnswerData, ReportOutcome } from '../../src/site/MessagePages.tsx';
import type { SiteLanguage } from '../../src/site/siteLanguages.ts';
import type { Exchange } from '../api/exchange.ts';
import type { Clock } from '../clock.ts';
import { ReportAnswer, type ReportIntake } from '../ingest/reportIntake.ts';
import type { Metrics } from '../metrics.ts';
import type { ClientAddress } from '../net/clientAddress.ts';

export const FORM_TYPE = 'application/x-www-form-urlencoded';
/** A form is a few short fields; anything larger is not one. */
const MAX_FORM_BYTES = 4096;

export interface ReportFormDeps {
  intake: ReportIntake;
  metrics: Metrics;
  clientAddress: ClientAddress;
  clock: Clock;
}

/** Writes the answer page for an outcome (siteRoutes.ts renders it in the form's language). */
export type AnswerWriter = (status: number, answer: AnswerData, extraHeaders?: readonly string[]) => void;

/** A client id for a visit without the script: 22 characters of the protocol's alphabet. */
const newClientId = () => randomBytes(16).toString('base64url');

class PageAnswer extends ReportAnswer {
  constructor(metrics: Metrics, private readonly exchange: Exchange, private readonly base: Omit<AnswerData, 'outcome'>, private readonly write: AnswerWriter) {
    super(metrics);
  }

  protected writeOk(body: string): void {
    const result = (JSON.parse(body) as { results: { status: ReportOutcome; reason?: string }[] }).results[0];
    this.write(200, { ...this.base, outcome: result?.status ?? 'unavailable', detail: result?.reason });
  }

  writeError(status: number, _code: string, _message: string, retryAfterSeconds?: number): void {
    if (status === 429) this.write(429, { ...this.base, outcome: 'limited', detail: String(retryAfterSeconds ?? 60) }, ['retry-after', String(retryAfterSeconds ?? 60)]);
    else this.write(status, { ...this.base, outcome: 'unavailable' });
  }

  protected logError(error: unknown, message: string): void {
    this.exchange.logError(error, message);
  }
}

/** The first value of each field of a urlencoded body. */
function fields(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(text)) if (!out.has(name)) out.set(name, value);
  return out;
}

/**
 * Reads the form and hands its report to the intake. `service` is the canonical id of the page the form
 * belongs to; `language` the page's, until the form's own `lang` field is read.
 */
export function takeReportForm(
  exchange: Exchange, deps: ReportFormDeps, service: string, name: string,
  write: (language: SiteLanguage, status: number, answer: AnswerData, extraHeaders?: readonly string[]) => void,
  languageOf: (field: string | undefined) => SiteLanguage,
): void {
  const req: IncomingMessage = exchange.req;
  const base = { service, name, client: '' };
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const fallback = languageOf(undefined);
  if (type !== FORM_TYPE) {
    write(fallback, 415, { ...base, outcome: 'bad_form', detail: `Content-Type must be ${FORM_TYPE}` });
    req.resume();
    return;
  }
  if (Number(req.headers['content-length'] ?? 0) > MAX_FORM_BYTES) {
    write(fallback, 413, { ...base, outcome: 'bad_form', detail: `larger than ${MAX_FORM_BYTES} bytes` });
    req.resume();
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let refused = false;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_FORM_BYTES && !refused) {
      refused = true;
      write(fallback, 413, { ...base, outcome: 'bad_form', detail: `larger than ${MAX_FORM_BYTES} bytes` });
    }
    if (!refused) chunks.push(chunk);
  });
  req.on('error', () => {});
  req.on('end', () => {
    if (refused) return;
    try {
      const form = fields(Buffer.concat(chunks).toString('utf8'));
      const language = languageOf(form.get('lang'));
      // Empty on the shared page when no script ran: made now, for this visit (nothing is stored).
      const client = form.get('client') || newClientId();
      const problem = form.get('problem');
      const report = {
        id: form.get('id') || randomUUID(),
        service,
        problem: problem ?? '',
        source: 'manual',
        signals: [],
        observedAt: deps.clock.now(),
        client,
      };
      const answerBase = { ...base, client, problem };
      deps.intake.take([report], deps.clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for']),
        new PageAnswer(deps.metrics, exchange, answerBase, (status, answer, extra) => write(language, status, answer, extra)));
    } catch (error) {
      exchange.fail(error);
    }
  });
}
