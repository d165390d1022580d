import { t } from '../ui/i18n.ts';
import { AutoReportSection } from './AutoReportSection.tsx';
import { BackendSection } from './BackendSection.tsx';
import { CountrySection } from './CountrySection.tsx';
import { LocalDataSection } from './LocalDataSection.tsx';
import { ServicesSection } from './ServicesSection.tsx';
import { useSettings } from './useSettings.ts';

export function OptionsPage() {
  const { settings, loadError, status, save } = useSettings();
  return (
    <main class="page">
      <h1>{t('optionsTitle')}</h1>
      {loadError && <p class="notice notice-bad">{t('loadFailed', loadError)}</p>}
      {settings && (
        <>
          <AutoReportSection settings={settings} save={save} />
          <ServicesSection settings={settings} save={save} />
          <CountrySection settings={settings} save={save} />
          <BackendSection settings={settings} save={save} />
        </>
      )}
      {!settings && !loadError && <p class="muted">{t('popupLoading')}</p>}
      <LocalDataSection />
      <p class={`save-status ${status ? (status.ok ? 'good' : 'bad') : ''}`} role="status" data-testid="save-status">
        {status?.text ?? ''}
      </p>
    </main>
  );
}
