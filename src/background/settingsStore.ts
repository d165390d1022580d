// The only reader and writer of the stored settings in the background: every
// read is repaired and migrated (src/core/settings.ts), every write validated.
import { applySettingsUpdate, repairSettings, type Settings } from '../core/settings.ts';
import { readKey, updateKey } from './storage.ts';

export function getSettings(): Promise<Settings> {
  return readKey('settings', repairSettings);
}

/** Thrown for an update the options page sent with wrong values; the message is shown to the user. */
export class SettingsError extends Error {}

export async function saveSettings(update: unknown): Promise<Settings> {
  let errors: string[] = [];
  const saved = await updateKey('settings', repairSettings, (current) => {
    const result = applySettingsUpdate(current, update);
    if (!result.ok) {
      errors = result.errors;
      return current;
    }
    return result.settings;
  });
  if (errors.length) throw new SettingsError(errors.join('; '));
  return saved;
}

/** Stores the repaired value, so an old or corrupt stored value is fixed once at start-up. */
export function repairStoredSettings(): Promise<Settings> {
  return updateKey('settings', repairSettings, (current) => current);
}
