// WhatsApp Web: its connection banners live in the side pane; chats and
// messages (user content) are never read.
import type { ServiceRules } from '../schema.ts';
import { DEFAULT_THRESHOLD } from '../threshold.ts';

export const WHATSAPP_RULES: ServiceRules = {
  service: 'whatsapp',
  // Chat rows preview the last message, so they are user content too.
  userContentSelectors: ['#main [role="application"]', '[data-testid="msg-container"]', '.copyable-text', '[data-pre-plain-text]', '#pane-side', '[contenteditable="true"]'],
  banner: [
    {
      id: 'whatsapp.banner.not_connected',
      // The side pane's banner slot (the corpus's WhatsApp Web markup, docs/detection-sources.md).
      selectors: ['#side [data-testid^="alert-"]', '#side [role="alert"]', '#side [aria-live]', '#side #butterbar-slot'],
      texts: {
        // WhatsApp Web's butterbar modules (docs/detection-sources.md); "Connecting" alone is every start, "Retrying" is not.
        en: ['Computer not connected', 'Trying to reach phone', 'Phone not connected', 'Make sure your computer has an active internet connection', 'Make sure your phone has an active internet connection', 'Retrying in', 'Retrying…'],
        bn: ['কম্পিউটার সংযুক্ত নেই', 'ফোনের সাথে সংযোগের চেষ্টা করা হচ্ছে', 'ফোন সংযুক্ত নেই'],
        es: ['Computadora no conectada', 'Intentando conectar con el teléfono', 'Teléfono no conectado'],
      },
    },
  ],
  feedStalled: {
    matchers: [
      {
        id: 'whatsapp.feed.reconnect',
        selectors: ['#side [data-testid^="alert-"] [role="button"]', '#side [data-testid^="alert-"] button'],
        texts: { en: ['Retry now', 'Reconnect'], bn: ['এখনই আবার চেষ্টা করুন', 'আবার সংযোগ করুন'] },
        textMatch: 'equals',
      },
    ],
    emptyFeed: { id: 'whatsapp.feed.empty', containerSelector: '#pane-side [role="grid"]', itemSelector: '[role="row"], [role="listitem"]', timeoutMs: 60_000 },
  },
  logout: {
    id: 'whatsapp.logout.landing',
    loggedInSelectors: ['#side', '#pane-side', '[data-testid="chatlist-header"]'],
    loginWall: [
      { id: 'whatsapp.logout.qr_code', selectors: ['div[data-ref] canvas', '[data-testid="qrcode"]', 'canvas[aria-label*="QR"]'] },
    ],
    loginPaths: [],
    logoutControls: [
      { id: 'whatsapp.logout.menu', selectors: ['[data-testid="mi-logout"]', '[role="button"][aria-label="Log out"]'] },
      { id: 'whatsapp.logout.control', selectors: ['[role="application"] [role="button"]', '[role="dialog"] button', 'li[role="button"]'], texts: { en: ['Log out'], bn: ['লগ আউট করুন', 'লগ আউট'] }, textMatch: 'equals' },
    ],
    logoutPaths: [],
    recentLoginWindowMs: 6 * 3_600_000,
  },
  threshold: DEFAULT_THRESHOLD,
};
