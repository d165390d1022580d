import type { Level } from '../core/protocolValues.ts';
import { shownLevel } from '../core/statusView.ts';
import { t } from './i18n.ts';

// A shape as well as a colour, so the level never rests on colour alone.
export const LEVEL_GLYPH: Record<Level, string> = { ok: '✓', recovering: '↘', warning: '!', outage: '✕' };

/** Accepts any string: the wire type is loose, and an unknown level must not break the popup. */
export function LevelBadge({ level: raw }: { level: string }) {
  const level = shownLevel(raw);
  return (
    <span class={`level level-${level}`} data-level={level}>
      <span class="level-glyph" aria-hidden="true">
        {LEVEL_GLYPH[level]}
      </span>
      {t(`level_${level}`)}
    </span>
  );
}
