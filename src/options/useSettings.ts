import { useEffect, useState } from 'preact/hooks';
import type { Settings } from '../core/settings.ts';
import { ask, errorText } from '../ui/ask.ts';
import { t } from '../ui/i18n.ts';

export interface SaveStatus {
  ok: boolean;
  text: string;
}

export interface SettingsView {
  settings: Settings | null;
  loadError: string | null;
  status: SaveStatus | null;
  /** Saves a partial update through the background; the screen then shows what was stored. */
  save(update: Partial<Settings>): Promise<boolean>;
}

/** Settings are read and written only through the background (it owns storage and validation). */
export function useSettings(): SettingsView {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [status, setStatus] = useState<SaveStatus | null>(null);

  useEffect(() => {
    ask('options/getSettings', {}).then(setSettings, (e: unknown) => setLoadError(errorText(e)));
  }, []);

  async function save(update: Partial<Settings>): Promise<boolean> {
    try {
      setSettings(await ask('options/saveSettings', update));
      setStatus({ ok: true, text: t('settingsSaved') });
      return true;
    } catch (e) {
      setStatus({ ok: false, text: t('settingsSaveFailed', errorText(e)) });
      // The status update re-renders with the unchanged stored values, so a switch the user flipped springs back.
      return false;
    }
  }

  return { settings, loadError, status, save };
}
