import type { Settings } from '../core/settings.ts';
import { ConsentText } from '../ui/ConsentText.tsx';
import { t } from '../ui/i18n.ts';

/** The automatic-reports switch, with the consent text that says exactly what is sent. */
export function AutoReportSection({ settings, save }: { settings: Settings; save(update: Partial<Settings>): Promise<boolean> }) {
  return (
    <section aria-labelledby="auto-heading">
      <h2 id="auto-heading">{t('autoHeading')}</h2>
      <div class="switch-row">
        <input
          id="auto-report"
          type="checkbox"
          role="switch"
          data-testid="auto-switch"
          aria-describedby="auto-consent"
          checked={settings.autoReport}
          // Flipping the switch here is an answer to the consent question too.
          onChange={(e) => void save({ autoReport: (e.currentTarget as HTMLInputElement).checked, consentAnswered: true })}
        />
        <label for="auto-report">{t('autoSwitch')}</label>
      </div>
      <ConsentText id="auto-consent" />
    </section>
  );
}
