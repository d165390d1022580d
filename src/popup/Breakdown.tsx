import { formatNumber, t } from '../ui/i18n.ts';

/** A short ranked list (top problems, top countries) of the last hour. */
export function Breakdown({ id, heading, rows, max = 3 }: { id: string; heading: string; rows: { key: string; label: string; count: number }[]; max?: number }) {
  return (
    <section class="breakdown" aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      {rows.length === 0 ? (
        <p class="muted">{t('breakdownEmpty')}</p>
      ) : (
        <ul>
          {rows.slice(0, max).map((row) => (
            <li key={row.key} data-row={row.key}>
              <span>{row.label}</span> <span class="num">{formatNumber(row.count)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
