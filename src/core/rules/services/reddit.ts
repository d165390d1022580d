// Reddit (shreddit): custom elements and slots the site renders; posts and
// comments (user content) are never read.
import type { ServiceRules } from '../schema.ts';
import { DEFAULT_THRESHOLD } from '../threshold.ts';

export const REDDIT_RULES: ServiceRules = {
  service: 'reddit',
  userContentSelectors: ['shreddit-post', 'shreddit-comment', 'article', '[slot="text-body"]', '[slot="comment"]', '[contenteditable="true"]', 'textarea'],
  banner: [
    {
      id: 'reddit.banner.couldnt_load',
      selectors: ['faceplate-toast', '[role="alert"]', 'main [slot="error"]', 'main [role="status"]'],
      texts: {
        // The CDN and proxy error documents (docs/detection-sources.md) are whole pages with this text alone.
        en: ["Sorry, we couldn't load posts for this page", 'Something went wrong', 'Server error. Try again later', 'Our CDN was unable to reach our servers', 'upstream connect error or disconnect/reset before headers', "Sorry, for some reason Reddit can't be reached", "Something went wrong. Just don't panic"],
        bn: ['দুঃখিত, আমরা এই পেজের পোস্টগুলো লোড করতে পারিনি', 'কিছু ভুল হয়েছে', 'সার্ভারে সমস্যা। পরে আবার চেষ্টা করুন'],
        es: ['Lo sentimos, no pudimos cargar las publicaciones de esta página'],
      },
    },
  ],
  feedStalled: {
    matchers: [
      {
        id: 'reddit.feed.retry',
        selectors: ['main [slot="error"] button', 'shreddit-feed button', 'main [role="status"] button'],
        texts: { en: ['Retry', 'Try again'], bn: ['আবার চেষ্টা করুন'] },
        textMatch: 'equals',
      },
    ],
    emptyFeed: { id: 'reddit.feed.empty', containerSelector: 'main shreddit-feed', itemSelector: 'shreddit-post, article, shreddit-ad-post', timeoutMs: 30_000 },
  },
  logout: {
    id: 'reddit.logout.login_path',
    loggedInSelectors: ['#expand-user-drawer-button', 'faceplate-tracker[noun="user_drawer"]', '#USER_DROPDOWN_ID'],
    loginWall: [
      { id: 'reddit.logout.login_button', selectors: ['#login-button', 'auth-flow-modal', 'a[href^="https://www.reddit.com/login"]'] },
    ],
    loginPaths: ['/login', '/account/login'],
    logoutControls: [
      { id: 'reddit.logout.tracker', selectors: ['faceplate-tracker[noun="logout"]', '#logout-list-item'] },
      { id: 'reddit.logout.control', selectors: ['[role="menuitem"]', 'li[role="presentation"] a'], texts: { en: ['Log Out'], bn: ['লগ আউট করুন', 'লগ আউট'] }, textMatch: 'equals' },
    ],
    logoutPaths: ['/logout'],
    recentLoginWindowMs: 6 * 3_600_000,
  },
  threshold: DEFAULT_THRESHOLD,
};
