import browser from 'webextension-polyfill';
import { useMemo } from 'preact/hooks';
import type { Settings } from '../core/settings.ts';
import { countryFromTimeZone } from '../core/timeZoneCountry.ts';
import { countryName } from '../ui/countryName.ts';
import { t, uiLanguage } from '../ui/i18n.ts';
import { COUNTRY_CODES } from '../core/countries.ts';

function browserTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/**
 * Firefox keeps the country behind the optional `locationInfo` data-collection
 * consent (manifest `data_collection_permissions`); asking must happen inside
 * the user's own change event. Chromium has no such permission and refuses the
 * unknown key, which is fine: there the setting alone decides.
 */
function askFirefoxLocationConsent(): void {
  try {
    const request = { data_collection: ['locationInfo'] } as unknown as browser.Permissions.Permissions;
    void browser.permissions.request(request).catch(() => undefined);
  } catch {
    // Chromium: no data-collection permissions.
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
        onChange={(e) => {
          const country = (e.currentTarget as HTMLSelectElement).value;
          if (country !== 'none') askFirefoxLocationConsent();
          void save({ country });
        }}
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
