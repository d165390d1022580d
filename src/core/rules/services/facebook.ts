// Facebook: selectors use roles, data attributes and stable ids, not the
// generated class names that change with every deploy.
import type { ServiceRules } from '../schema.ts';
import { DEFAULT_THRESHOLD } from '../threshold.ts';

export const FACEBOOK_RULES: ServiceRules = {
  service: 'facebook',
  userContentSelectors: ['[data-ad-preview="message"]', '[data-ad-comet-preview="message"]', '[data-testid="post_message"]', '[role="article"] [dir="auto"]', '[contenteditable="true"]'],
  banner: [
    {
      id: 'facebook.banner.sorry',
      selectors: ['[role="alert"]', '[role="dialog"]', '#globalContainer #content', '[data-testid="error_page"]'],
      texts: {
        // The error page, its pop-up and the AsyncRequest error dialog (docs/detection-sources.md).
        en: ['Sorry, something went wrong', "We're working on it and we'll get it fixed as soon as we can", "We're working on getting this fixed as soon as we can"],
        bn: ['দুঃখিত, কিছু ভুল হয়েছে', 'আমরা এটি নিয়ে কাজ করছি এবং যত তাড়াতাড়ি সম্ভব ঠিক করে দেব'],
        es: ['Lo sentimos, se produjo un error', 'Lo sentimos, algo ha fallado'],
      },
    },
  ],
  feedStalled: {
    matchers: [
      {
        id: 'facebook.feed.couldnt_load',
        selectors: ['[role="feed"] > div', '[role="main"] [role="status"]'],
        texts: {
          // Not "No internet connection": that is the user's own connection, not Facebook failing.
          en: ["Couldn't load posts", "We couldn't load this content"],
          bn: ['পোস্টগুলো লোড করা যায়নি', 'এই কন্টেন্ট লোড করা যায়নি'],
        },
      },
    ],
    emptyFeed: { id: 'facebook.feed.empty', containerSelector: '[role="main"] [role="feed"]', itemSelector: '[aria-posinset], [role="article"]', timeoutMs: 30_000 },
  },
  logout: {
    id: 'facebook.logout.login_path',
    loggedInSelectors: ['[role="banner"] [aria-label="Account"]', '[role="navigation"] a[href$="/notifications/"]', '[data-pagelet="LeftRail"]', '[aria-label="Your profile"]'],
    loginWall: [
      { id: 'facebook.logout.login_form', selectors: ['form[data-testid="royal_login_form"]', '#login_form', 'form[action*="/login/"] input[name="pass"]'] },
    ],
    loginPaths: ['/login', '/login.php', '/checkpoint/'],
    logoutControls: [
      { id: 'facebook.logout.control', selectors: ['[role="menuitem"]', '[role="button"]', 'a[href*="/logout"]'], texts: { en: ['Log out', 'Log Out'], bn: ['লগ আউট করুন', 'লগ আউট'] }, textMatch: 'equals' },
    ],
    logoutPaths: ['/logout.php', '/logout'],
    recentLoginWindowMs: 6 * 3_600_000,
  },
  threshold: DEFAULT_THRESHOLD,
};
