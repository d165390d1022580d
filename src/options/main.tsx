import { render } from 'preact';
import { t, uiLanguage } from '../ui/i18n.ts';
import { OptionsPage } from './OptionsPage.tsx';

document.documentElement.lang = uiLanguage();
document.title = t('optionsTitle');
render(<OptionsPage />, document.getElementById('root')!);
