import type { ServiceStatus } from '../core/protocol.ts';
import { LevelBadge } from '../ui/LevelBadge.tsx';
import { formatNumber, t } from '../ui/i18n.ts';

/** What is down right now elsewhere (the background already left out the current service). */
export function Elsewhere({ services }: { services: readonly ServiceStatus[] }) {
  return (
    <section class="elsewhere" aria-labelledby="elsewhere-heading">
      <h2 id="elsewhere-heading">{t('elsewhereHeading')}</h2>
      {services.length === 0 ? (
        <p class="muted">{t('elsewhereNone')}</p>
      ) : (
        <ul>
          {services.map((s) => (
            <li key={s.id} data-service={s.id}>
              <span class="elsewhere-name">{s.name}</span> <LevelBadge level={s.level} />{' '}
              <span class="muted">{t('elsewhereCount', formatNumber(s.count))}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
