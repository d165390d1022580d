import { render } from 'preact';
import { t, uiLanguage } from '../ui/i18n.ts';
import { Welcome } from './Welcome.tsx';

document.documentElement.lang = uiLanguage();
document.title = t('welcomeTitle');
render(<Welcome />, document.getElementById('root')!);
