import { t } from './i18n.ts';
import { ENGLISH_NAMES, type EnglishNamedKey } from './englishNames.ts';

/**
 * The visible text of a control whose accessible name stays English: the
 * localised text, followed (when it differs) by the English name in small
 * type, so the visible label always contains the accessible name (WCAG 2.5.3).
 */
export function EnglishLabel({ name }: { name: EnglishNamedKey }) {
  const english = ENGLISH_NAMES[name];
  const local = t(name);
  if (local === english) return <>{english}</>;
  return (
    <>
      {local}{' '}
      <span class="english-name" lang="en">
        ({english})
      </span>
    </>
  );
}
