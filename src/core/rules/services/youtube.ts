// YouTube: its custom elements and player error overlay; titles, comments
// and descriptions (user content) are never read.
import type { ServiceRules } from '../schema.ts';
import { DEFAULT_THRESHOLD } from '../threshold.ts';

export const YOUTUBE_RULES: ServiceRules = {
  service: 'youtube',
  userContentSelectors: ['#content-text', 'ytd-comment-view-model', 'ytd-comment-renderer', '#video-title', 'ytd-watch-metadata #title', '#description', 'ytd-text-inline-expander', 'yt-live-chat-text-message-renderer', '[contenteditable="true"]'],
  banner: [
    {
      id: 'youtube.banner.player_error',
      selectors: ['.ytp-error', 'yt-playability-error-supported-renderers', 'tp-yt-paper-toast#toast', 'ytd-background-promo-renderer'],
      texts: {
        // Player error and the 500 page (docs/detection-sources.md).
        en: ['An error occurred. Please try again later', 'Something went wrong', 'Oops, something went wrong', 'A team of highly trained monkeys has been dispatched'],
        bn: ['একটি ত্রুটি ঘটেছে। অনুগ্রহ করে পরে আবার চেষ্টা করুন', 'একটি সমস্যা হয়েছে। অনুগ্রহ করে পরে আবার চেষ্টা করুন', 'কিছু ভুল হয়েছে'],
        es: ['Se produjo un error. Inténtalo de nuevo más tarde', 'Se produjo un error. Vuelve a intentarlo más tarde'],
      },
    },
  ],
  feedStalled: {
    matchers: [
      {
        id: 'youtube.feed.retry',
        selectors: ['ytd-rich-grid-renderer ytd-button-renderer', 'ytd-continuation-item-renderer button', 'ytd-message-renderer button'],
        texts: { en: ['Retry', 'Try again'], bn: ['আবার চেষ্টা করুন'] },
        textMatch: 'equals',
      },
    ],
    // A home page with watch history off shows a nudge instead of videos: that is not a stalled feed.
    emptyFeed: { id: 'youtube.feed.empty', containerSelector: 'ytd-browse ytd-rich-grid-renderer #contents', itemSelector: 'ytd-rich-item-renderer, ytd-feed-nudge-renderer, ytd-rich-section-renderer', timeoutMs: 30_000 },
  },
  logout: {
    id: 'youtube.logout.signed_out',
    loggedInSelectors: ['#avatar-btn', 'ytd-topbar-menu-button-renderer img#img[alt]'],
    loginWall: [
      { id: 'youtube.logout.sign_in_button', selectors: ['ytd-masthead a[href^="https://accounts.google.com/ServiceLogin"]', '#masthead a[href*="accounts.google.com/ServiceLogin"]'] },
    ],
    loginPaths: [],
    logoutControls: [
      { id: 'youtube.logout.control', selectors: ['a[href^="/logout"]', 'a[href*="youtube.com/logout"]'] },
    ],
    logoutPaths: ['/logout'],
    recentLoginWindowMs: 6 * 3_600_000,
  },
  threshold: DEFAULT_THRESHOLD,
};
