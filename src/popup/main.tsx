import { render } from 'preact';
import { t } from '../ui/i18n.ts';

render(<main><h1>{t('extName')}</h1></main>, document.getElementById('root')!);
