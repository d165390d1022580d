// Instagram: selectors use roles and stable attributes; posts, captions and
// comments (user content) are never read.
import type { ServiceRules } from '../schema.ts';
import { DEFAULT_THRESHOLD } from '../threshold.ts';

export const INSTAGRAM_RULES: ServiceRules = {
  service: 'instagram',
  // Posts, captions and comments live in <article>; a profile's bio in its header.
  userContentSelectors: ['article', 'main header section', '[role="dialog"] ul', '[contenteditable="true"]', 'textarea'],
  banner: [
    {
      id: 'instagram.banner.refresh_feed',
      selectors: ['[role="alert"]', '[role="status"]', '[data-testid="toast"]'],
      texts: {
        en: ["Couldn't refresh feed", "Couldn't load feed", 'Something went wrong'],
        bn: ['ফিড রিফ্রেশ করা যায়নি', 'ফিড লোড করা যায়নি', 'কোনো সমস্যা হয়েছে'],
        es: ['No se pudo actualizar el feed', 'No se han podido actualizar las noticias'],
      },
    },
    {
      id: 'instagram.banner.page_not_loaded',
      selectors: ['main[role="main"] span[dir="auto"]', 'main[role="main"] h2'],
      texts: {
        en: ["There's an issue and the page could not be loaded"],
        bn: ['একটি সমস্যার কারণে পেজটি লোড করা যায়নি'],
      },
    },
  ],
  feedStalled: {
    matchers: [
      {
        id: 'instagram.feed.retry',
        selectors: ['main[role="main"] [role="button"]', 'main[role="main"] button'],
        texts: { en: ['Retry', 'Reload page', 'Tap to retry'], bn: ['আবার চেষ্টা করুন', 'পেজটি আবার লোড করুন'] },
        textMatch: 'equals',
      },
    ],
    emptyFeed: { id: 'instagram.feed.empty', containerSelector: 'main[role="main"] section', itemSelector: 'article', timeoutMs: 30_000 },
  },
  logout: {
    id: 'instagram.logout.login_path',
    loggedInSelectors: ['a[href="/direct/inbox/"]', 'a[href^="/accounts/activity"]', 'a[href="/accounts/edit/"]'],
    loginWall: [
      { id: 'instagram.logout.login_form', selectors: ['form#loginForm', 'input[name="username"][aria-label]', 'form[id="loginForm"] input[name="password"]'] },
    ],
    loginPaths: ['/accounts/login', '/challenge/'],
    logoutControls: [
      { id: 'instagram.logout.control', selectors: ['[role="button"]', 'button', '[role="menuitem"]'], texts: { en: ['Log out'], bn: ['লগ আউট করুন', 'লগ আউট'] }, textMatch: 'equals' },
    ],
    logoutPaths: ['/accounts/logout'],
    recentLoginWindowMs: 6 * 3_600_000,
  },
  threshold: DEFAULT_THRESHOLD,
};
