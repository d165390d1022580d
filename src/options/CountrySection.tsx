import { useMemo } from 'preact/hooks';
import type { Settings } from '../core/settings.ts';
import { countryFromTimeZone } from '../core/timeZoneCountry.ts';
import { countryName } from '../ui/countryName.ts';
import { t, uiLanguage } from '../ui/i18n.ts';
import { COUNTRY_CODES } from './countryCodes.ts';

function browserTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** Country sent with reports: from the time zone (shown), a chosen one, or none. */
export function CountrySection({ settings, save }: { settings: Settings; save(update: Partial<Settings>): Promise<boolean> }) {
  const detected = useMemo(() => countryFromTimeZone(browserTimeZone()), []);
  const sorted = useMemo(() => {
    const collator = new Intl.Collator(uiLanguage());
    return COUNTRY_CODES.map((code) => ({ code, name: countryName(code) })).sort((a, b) => collator.compare(a.name, b.name));
  }, []);
  return (
    <section aria-labelledby="country-heading">
      <h2 id="country-heading">{t('countryHeading')}</h2>
      <p id="country-help" class="muted">
        {t('countryHelp')}
      </p>
      <label for="country">{t('countryLabel')}</label>{' '}
      <select
        id="country"
        aria-describedby="country-help"
        value={settings.country}
        onChange={(e) => void save({ country: (e.currentTarget as HTMLSelectElement).value })}
      >
        <option value="auto">{detected ? t('countryAuto', countryName(detected)) : t('countryAutoUnknown')}</option>
        <option value="none">{t('countryNone')}</option>
        {sorted.map(({ code, name }) => (
          <option key={code} value={code}>
            {name} ({code})
          </option>
        ))}
      </select>
    </section>
  );
}
