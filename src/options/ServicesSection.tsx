import { CATALOG } from '../core/catalog.ts';
import type { Settings } from '../core/settings.ts';
import { t } from '../ui/i18n.ts';

function toggled(list: readonly string[], id: string, present: boolean): string[] {
  const rest = list.filter((x) => x !== id);
  return present ? [...rest, id] : rest;
}

/** Per catalog service: watched (signals detected here) and followed (notification on outage). */
export function ServicesSection({ settings, save }: { settings: Settings; save(update: Partial<Settings>): Promise<boolean> }) {
  return (
    <section aria-labelledby="services-heading">
      <h2 id="services-heading">{t('servicesHeading')}</h2>
      <p class="muted">{t('servicesHelp')}</p>
      <table class="services">
        <thead>
          <tr>
            <th scope="col">{t('servicesColService')}</th>
            <th scope="col">{t('servicesColWatch')}</th>
            <th scope="col">{t('servicesColFollow')}</th>
          </tr>
        </thead>
        <tbody>
          {CATALOG.map((service) => (
            <tr key={service.id} data-service={service.id}>
              <th scope="row">{service.name}</th>
              <td>
                <input
                  type="checkbox"
                  data-role="watch"
                  aria-label={t('serviceWatchLabel', service.name)}
                  checked={!settings.disabledServices.includes(service.id)}
                  onChange={(e) =>
                    void save({ disabledServices: toggled(settings.disabledServices, service.id, !(e.currentTarget as HTMLInputElement).checked) })
                  }
                />
              </td>
              <td>
                <input
                  type="checkbox"
                  data-role="follow"
                  aria-label={t('serviceFollowLabel', service.name)}
                  checked={settings.followedServices.includes(service.id)}
                  onChange={(e) =>
                    void save({ followedServices: toggled(settings.followedServices, service.id, (e.currentTarget as HTMLInputElement).checked) })
                  }
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
