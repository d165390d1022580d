// Country from the browser's time zone (docs/privacy-and-trust.md: never from IP
// geolocation). The zone → country table is the maintained
// `countries-and-timezones` package (IANA tz database, legacy aliases such as
// Asia/Calcutta and US/Eastern included), pinned to an exact version in
// package.json. A zone several countries use maps to the country the tz
// database names first for it; UTC, `Etc/*` and unknown zones map to none.
import { getAllTimezones, getCountryForTimezone } from 'countries-and-timezones';
import { isCountryCode } from './countries.ts';

let zoneByLowerName: Map<string, string> | undefined;

/** The zone's canonical spelling (`europe/berlin` → `Europe/Berlin`): IANA names are matched case-insensitively. */
function canonicalZone(zone: string): string {
  if (!zoneByLowerName) zoneByLowerName = new Map(Object.keys(getAllTimezones()).map((name) => [name.toLowerCase(), name]));
  return zoneByLowerName.get(zone.toLowerCase()) ?? zone;
}

/** `Asia/Dhaka` → `BD`; null for `UTC`, `Etc/*` and zones it does not know. */
export function countryFromTimeZone(timeZone: string | undefined | null): string | null {
  const zone = timeZone?.trim();
  if (!zone) return null;
  const id = (getCountryForTimezone(zone) ?? getCountryForTimezone(canonicalZone(zone)))?.id;
  // Only codes of the one country list travel (src/core/countries.ts).
  return isCountryCode(id) ? id : null;
}

/**
 * The country a report carries, from the user's setting: `none` withholds it,
 * a country code is the user's own choice, `auto` uses the time zone.
 */
export function reportCountry(setting: string, timeZone: string | undefined | null): string | null {
  if (setting === 'none') return null;
  if (isCountryCode(setting)) return setting;
  return countryFromTimeZone(timeZone);
}
