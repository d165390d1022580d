// The extension's settings: one versioned shape, filled with defaults and
// migrated on every read, so a value stored by an older version (or a corrupt
// one) is repaired instead of crashing the extension.

export const SETTINGS_VERSION = 1;

export interface Settings {
  version: number;
  /** Backend base URL, no trailing slash. */
  backendUrl: string;
  /** Automatic reports; off until the user agrees on the first-run page. */
  autoReport: boolean;
  /** Whether the first-run consent page has been answered (either way). */
  consentAnswered: boolean;
  /** Catalog ids the user switched off: no watching, no signals, no auto reports. */
  disabledServices: string[];
  /** `auto`: from the time zone; a two-letter code: the user's choice; `none`: withheld. */
  country: 'auto' | 'none' | string;
  /** Service ids whose entry into `outage` raises a browser notification. */
  followedServices: string[];
}
