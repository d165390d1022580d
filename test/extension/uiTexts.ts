// Texts for the shared components from the real locale files, in UTC so times are the same on every machine.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { textsFromMessages, type Messages, type Texts } from '../../src/ui/texts.ts';

export function textsIn(lang: 'en' | 'bn'): Texts {
  const messages = JSON.parse(readFileSync(join(process.cwd(), 'public', '_locales', lang, 'messages.json'), 'utf8')) as Messages;
  return textsFromMessages(lang, messages, 'UTC');
}
