import type { Level } from '../core/protocol.ts';
import { LEVEL_VALUES } from './choices.ts';
import { t } from './i18n.ts';

// A shape as well as a colour, so the level never rests on colour alone.
const GLYPH: Record<Level, string> = { ok: '✓', recovering: '↘', warning: '!', outage: '✕' };

/** Accepts any string: the wire type is loose, and an unknown level must not break the popup. */
export function LevelBadge({ level: raw }: { level: string }) {
  const level: Level = (LEVEL_VALUES as readonly string[]).includes(raw) ? (raw as Level) : 'ok';
  return (
    <span class={`level level-${level}`} data-level={level}>
      <span class="level-glyph" aria-hidden="true">
        {GLYPH[level]}
      </span>
      {t(`level_${level}`)}
    </span>
  );
}
