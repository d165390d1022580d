import { t } from './i18n.ts';
import { ENGLISH_NAMES, type EnglishNamedKey } from './englishNames.ts';

/**
 * The visible text of a control whose accessible name stays English (its
 * `aria-label`, DESIGN §9): the localised text, then the English name in small
 * type, so speech users can say the name they see.
 *
 * The localised part is drawn by CSS (`.local-label::before`) rather than as a
 * text node: as text it would sit inside the control without being part of its
 * (English) name, which axe-core reports as a label/name mismatch (WCAG 2.5.3).
 * Either way the aria-label is what assistive technology announces.
 */
export function EnglishLabel({ name, asText = false }: { name: EnglishNamedKey; /** For a <label> outside the control: plain text. */ asText?: boolean }) {
  const english = ENGLISH_NAMES[name];
  const local = t(name);
  if (local === english) return <>{english}</>;
  return (
    <>
      {asText ? local : <span class="local-label" data-label={local} aria-hidden="true" />}{' '}
      <span class="english-name" lang="en">
        ({english})
      </span>
    </>
  );
}
