import { useEffect, useState } from 'preact/hooks';
import { CATALOG, type CatalogService } from '../core/catalog.ts';
import { OPTIONAL_SERVICES } from '../core/hostPatterns.ts';
import type { Settings } from '../core/settings.ts';
import { t } from '../ui/i18n.ts';
import { askForHosts, hostsAllowed, onHostAccessChange, releaseHosts } from './hostAccess.ts';

function toggled(list: readonly string[], id: string, present: boolean): string[] {
  const rest = list.filter((x) => x !== id);
  return present ? [...rest, id] : rest;
}

type Access = Record<string, boolean>;

/** Which optional services' hosts the browser has granted; follows grants made or revoked anywhere. */
function useHostAccess(): [Access | null, () => void] {
  const [access, setAccess] = useState<Access | null>(OPTIONAL_SERVICES.length ? null : {});
  const refresh = () => {
    void Promise.all(OPTIONAL_SERVICES.map(async (s) => [s.id, await hostsAllowed(s)] as const)).then((entries) => setAccess(Object.fromEntries(entries)));
  };
  useEffect(() => {
    if (!OPTIONAL_SERVICES.length) return undefined;
    refresh();
    return onHostAccessChange(refresh);
  }, []);
  return [access, refresh];
}

type SaveSettings = (update: Partial<Settings>) => Promise<boolean>;

/** Per catalog service: watched (signals detected here) and followed (notification on outage). */
export function ServicesSection({ settings, save }: { settings: Settings; save: SaveSettings }) {
  const [access, refreshAccess] = useHostAccess();
  const [refused, setRefused] = useState<string | null>(null);

  const watching = (service: CatalogService) =>
    !settings.disabledServices.includes(service.id) && (!service.optionalPermission || access?.[service.id] === true);

  const setWatch = (service: CatalogService, on: boolean) => {
    const update = { disabledServices: toggled(settings.disabledServices, service.id, !on) };
    if (!service.optionalPermission) return void save(update);
    if (on) {
      // The prompt first, inside the click: a request after an await is refused.
      const asked = askForHosts(service);
      void asked.then(async (allowed) => {
        setRefused(allowed ? null : service.id);
        if (allowed) await save(update);
        refreshAccess();
      });
      return;
    }
    setRefused(null);
    void save(update).then(() => releaseHosts(service)).then(refreshAccess);
  };

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
              <th scope="row">
                {service.name}
                {service.optionalPermission && (
                  <small id={`access-${service.id}`} class="access muted" data-testid={`access-${service.id}`}>
                    {accessNote(service, access?.[service.id], refused === service.id)}
                  </small>
                )}
              </th>
              <td>
                <input
                  type="checkbox"
                  data-role="watch"
                  aria-label={t('serviceWatchLabel', service.name)}
                  aria-describedby={service.optionalPermission ? `access-${service.id}` : undefined}
                  disabled={service.optionalPermission && access === null}
                  checked={watching(service)}
                  onChange={(e) => setWatch(service, (e.currentTarget as HTMLInputElement).checked)}
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

/** What an optional service's row says about its permission: needed, refused, or given. */
function accessNote(service: CatalogService, allowed: boolean | undefined, refused: boolean): string {
  const site = service.webApp.host;
  if (refused) return t('serviceAccessRefused', service.name);
  return allowed ? t('serviceAccessGranted', site) : t('serviceAccessNeeded', site);
}
