import type { StatusView } from '../core/statusView.ts';
import { LevelBadge } from '../ui/LevelBadge.tsx';
import { formatNumber, t } from '../ui/i18n.ts';

/** What is down right now elsewhere; each row opens that service. Unknown while the server can't be reached. */
export function Elsewhere({ services, unknown, onOpen }: { services: readonly StatusView[]; unknown: boolean; onOpen(id: string): void }) {
  return (
    <section class="elsewhere" aria-labelledby="elsewhere-heading">
      <h2 id="elsewhere-heading">{t('elsewhereHeading')}</h2>
      {unknown ? (
        <p class="muted" data-testid="elsewhere-unknown">{t('elsewhereUnknown')}</p>
      ) : services.length === 0 ? (
        <p class="muted">{t('elsewhereNone')}</p>
      ) : (
        <ul>
          {services.slice(0, 6).map((s) => (
            <li key={s.id}>
              <button type="button" class="elsewhere-row" data-service={s.id} onClick={() => onOpen(s.id)}>
                <span class="elsewhere-name">{s.name}</span> <LevelBadge level={s.level} />{' '}
                <span class="muted">{t('elsewhereCount', formatNumber(s.count))}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
