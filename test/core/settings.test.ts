import { applySettingsUpdate, DEFAULT_SETTINGS, migrateSettings, normaliseBackendUrl, repairSettings, SETTINGS_VERSION } from '../../src/core/settings.ts';

describe('repairSettings', () => {
  test.each([undefined, null, 42, 'settings', [1, 2], true])('turns a corrupt stored value (%j) into the defaults', (stored) => {
    expect(repairSettings(stored)).toEqual(DEFAULT_SETTINGS);
  });

  test('defaults: automatic reports off and consent unanswered, local backend, country from time zone', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({ autoReport: false, consentAnswered: false, backendUrl: 'http://127.0.0.1:8787', country: 'auto' });
  });

  test('keeps every valid field of a current-version value unchanged', () => {
    const stored = {
      version: SETTINGS_VERSION,
      backendUrl: 'https://downwatch.example.org/api',
      autoReport: true,
      consentAnswered: true,
      disabledServices: ['reddit'],
      country: 'BD',
      followedServices: ['x', 'example.co.uk'],
    };
    expect(repairSettings(stored)).toEqual(stored);
  });

  test('repairs only the fields with wrong types and keeps the rest', () => {
    const repaired = repairSettings({
      version: SETTINGS_VERSION,
      backendUrl: 12,
      autoReport: 'yes',
      consentAnswered: true,
      disabledServices: 'x',
      country: { code: 'US' },
      followedServices: ['youtube', 7, 'Not A Domain!', 'youtube'],
    });
    expect(repaired).toEqual({
      ...DEFAULT_SETTINGS,
      consentAnswered: true,
      followedServices: ['youtube'],
    });
  });

  test('drops unknown service ids from the switches and normalises the backend URL', () => {
    const repaired = repairSettings({ version: SETTINGS_VERSION, disabledServices: ['x', 'myspace', 'x'], backendUrl: 'http://localhost:9000/' });
    expect(repaired.disabledServices).toEqual(['x']);
    expect(repaired.backendUrl).toBe('http://localhost:9000');
  });

  test('upper-cases a lower-case stored country code', () => {
    expect(repairSettings({ version: SETTINGS_VERSION, country: 'in' }).country).toBe('IN');
  });
});

describe('settings migrations', () => {
  test('v0 (no version) per-service map `enabled` becomes `disabledServices`', () => {
    const repaired = repairSettings({ enabled: { x: true, reddit: false, youtube: false }, backendUrl: 'http://127.0.0.1:8787' });
    expect(repaired.version).toBe(SETTINGS_VERSION);
    expect(repaired.disabledServices.sort()).toEqual(['reddit', 'youtube']);
  });

  test('v1 autoReport without an answered consent is not kept as consent', () => {
    expect(repairSettings({ version: 1, autoReport: true, consentAnswered: false }).autoReport).toBe(false);
    expect(repairSettings({ version: 1, autoReport: true, consentAnswered: true }).autoReport).toBe(true);
  });

  test('a value from a newer version is repaired field by field, not migrated backwards', () => {
    const value = migrateSettings({ version: SETTINGS_VERSION + 5, autoReport: true });
    expect(value).toEqual({ version: SETTINGS_VERSION + 5, autoReport: true });
    expect(repairSettings({ version: 99, autoReport: true, consentAnswered: true }).autoReport).toBe(true);
  });
});

describe('applySettingsUpdate', () => {
  test('applies a valid partial update and leaves other fields alone', () => {
    const result = applySettingsUpdate(DEFAULT_SETTINGS, { autoReport: true, consentAnswered: true, country: 'none' });
    expect(result).toEqual({ ok: true, settings: { ...DEFAULT_SETTINGS, autoReport: true, consentAnswered: true, country: 'none' } });
  });

  test('refuses wrong values with a message per field instead of silently dropping them', () => {
    const result = applySettingsUpdate(DEFAULT_SETTINGS, { backendUrl: 'ftp://x', autoReport: 1, disabledServices: ['nope'], colour: 'red' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toHaveLength(4);
      expect(result.errors.join(' ')).toMatch(/backendUrl.*autoReport.*disabledServices.*colour/);
    }
  });

  test('refuses a non-object update', () => {
    expect(applySettingsUpdate(DEFAULT_SETTINGS, null).ok).toBe(false);
  });
});

describe('normaliseBackendUrl', () => {
  test.each([
    ['http://127.0.0.1:8787/', 'http://127.0.0.1:8787'],
    [' https://api.example.com/downwatch// ', 'https://api.example.com/downwatch'],
    ['HTTPS://API.EXAMPLE.COM', 'https://api.example.com'],
  ])('%j → %j', (input, expected) => expect(normaliseBackendUrl(input)).toBe(expected));

  test.each(['javascript:alert(1)', 'ftp://example.com', 'https://user:pw@example.com', 'https://example.com/?q=1', 'not a url', 5])(
    'refuses %j',
    (input) => expect(normaliseBackendUrl(input)).toBeUndefined(),
  );
});
