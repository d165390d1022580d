// Rules for WhatsApp Web, Reddit and YouTube. As in social.ts, selectors use
// the ids, custom elements, roles and data attributes the sites render, and
// everything users write (messages, posts, comments, titles) is excluded.
import type { ServiceRules } from '../schema.ts';
import { DEFAULT_THRESHOLD } from '../threshold.ts';

export const WHATSAPP_RULES: ServiceRules = {
  service: 'whatsapp',
  // Chat rows preview the last message, so they are user content too.
  userContentSelectors: ['#main [role="application"]', '[data-testid="msg-container"]', '.copyable-text', '[data-pre-plain-text]', '#pane-side', '[contenteditable="true"]'],
  banner: [
    {
      id: 'whatsapp.banner.not_connected',
      selectors: ['#side [data-testid^="alert-"]', '#side [role="alert"]', '#side [aria-live]'],
      texts: {
        en: ['Computer not connected', 'Trying to reach phone', 'Phone not connected'],
        bn: ['কম্পিউটার সংযুক্ত নেই', 'ফোনের সাথে সংযোগের চেষ্টা করা হচ্ছে', 'ফোন সংযুক্ত নেই'],
        es: ['Computadora no conectada', 'Intentando conectar con el teléfono'],
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

export const REDDIT_RULES: ServiceRules = {
  service: 'reddit',
  userContentSelectors: ['shreddit-post', 'shreddit-comment', 'article', '[slot="text-body"]', '[slot="comment"]', '[contenteditable="true"]', 'textarea'],
  banner: [
    {
      id: 'reddit.banner.couldnt_load',
      selectors: ['faceplate-toast', '[role="alert"]', 'main [slot="error"]', 'main [role="status"]'],
      texts: {
        en: ["Sorry, we couldn't load posts for this page", 'Something went wrong', 'Server error. Try again later'],
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

export const YOUTUBE_RULES: ServiceRules = {
  service: 'youtube',
  userContentSelectors: ['#content-text', 'ytd-comment-view-model', 'ytd-comment-renderer', '#video-title', 'ytd-watch-metadata #title', '#description', 'ytd-text-inline-expander', 'yt-live-chat-text-message-renderer', '[contenteditable="true"]'],
  banner: [
    {
      id: 'youtube.banner.player_error',
      selectors: ['.ytp-error', 'yt-playability-error-supported-renderers', 'tp-yt-paper-toast#toast', 'ytd-background-promo-renderer'],
      texts: {
        en: ['An error occurred. Please try again later', 'Something went wrong', 'Oops, something went wrong'],
        bn: ['একটি ত্রুটি ঘটেছে। অনুগ্রহ করে পরে আবার চেষ্টা করুন', 'একটি সমস্যা হয়েছে। অনুগ্রহ করে পরে আবার চেষ্টা করুন', 'কিছু ভুল হয়েছে'],
        es: ['Se produjo un error. Inténtalo de nuevo más tarde'],
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
