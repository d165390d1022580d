// Rules for X, Facebook and Instagram. Selectors use the attributes these
// sites really render (data-testid, role, aria-*, stable ids and hrefs), not
// their generated class names, which change with every deploy.
import type { ServiceRules } from '../schema.ts';
import { DEFAULT_THRESHOLD } from '../threshold.ts';

export const X_RULES: ServiceRules = {
  service: 'x',
  userContentSelectors: ['article[data-testid="tweet"]', '[data-testid="tweetText"]', '[data-testid="User-Name"]', '[data-testid="UserDescription"]', '[data-testid="card.wrapper"]', '[data-testid="tweetTextarea_0"]', '[role="textbox"]'],
  banner: [
    {
      id: 'x.banner.reload',
      selectors: ['[data-testid="error-detail"]', '[data-testid="primaryColumn"] [data-testid="cellInnerDiv"]', '#layers [role="alert"]', '[data-testid="toast"]', '#ScriptLoadFailure'],
      texts: {
        en: ['Something went wrong. Try reloading', "Something went wrong, but don't fret"],
        bn: ['কিছু ভুল হয়েছে। আবার লোড করার চেষ্টা করুন', 'কিছু ভুল হয়েছে, তবে চিন্তা করবেন না'],
        es: ['Algo salió mal. Intenta recargar'],
      },
    },
    {
      id: 'x.banner.privacy_extensions',
      selectors: ['#ScriptLoadFailure'],
      texts: {
        en: ['Some privacy related extensions may cause issues on x.com'],
        bn: ['কিছু গোপনীয়তা-সম্পর্কিত এক্সটেনশন x.com-এ সমস্যা তৈরি করতে পারে'],
      },
    },
  ],
  feedStalled: {
    matchers: [
      {
        id: 'x.feed.retry',
        selectors: ['[data-testid="primaryColumn"] [role="button"]', '[data-testid="primaryColumn"] button'],
        texts: { en: ['Retry'], bn: ['আবার চেষ্টা করুন'], es: ['Reintentar'] },
        textMatch: 'equals',
      },
    ],
    emptyFeed: {
      id: 'x.feed.empty',
      containerSelector: '[data-testid="primaryColumn"] section[role="region"]',
      // Search and profile pages legitimately show an empty state or user cells instead of posts.
      itemSelector: 'article[data-testid="tweet"], [data-testid="emptyState"], [data-testid="UserCell"]',
      timeoutMs: 30_000,
    },
  },
  logout: {
    id: 'x.logout.login_path',
    loggedInSelectors: ['[data-testid="SideNav_AccountSwitcher_Button"]', '[data-testid="AppTabBar_Profile_Link"]', '[data-testid="SideNav_NewTweet_Button"]'],
    loginWall: [
      { id: 'x.logout.login_form', selectors: ['[data-testid="loginButton"]', '[data-testid="login"]', 'input[autocomplete="username"]', '[data-testid="google_sign_in_container"]'] },
    ],
    loginPaths: ['/login', '/i/flow/login', '/i/flow/single_sign_on'],
    logoutControls: [
      { id: 'x.logout.control', selectors: ['[data-testid="AccountSwitcher_Logout_Button"]', 'a[href="/logout"]'] },
    ],
    logoutPaths: ['/logout'],
    recentLoginWindowMs: 6 * 3_600_000,
  },
  threshold: DEFAULT_THRESHOLD,
};

export const FACEBOOK_RULES: ServiceRules = {
  service: 'facebook',
  userContentSelectors: ['[data-ad-preview="message"]', '[data-ad-comet-preview="message"]', '[data-testid="post_message"]', '[role="article"] [dir="auto"]', '[contenteditable="true"]'],
  banner: [
    {
      id: 'facebook.banner.sorry',
      selectors: ['[role="alert"]', '[role="dialog"]', '#globalContainer #content', '[data-testid="error_page"]'],
      texts: {
        en: ['Sorry, something went wrong', "We're working on it and we'll get it fixed as soon as we can"],
        bn: ['দুঃখিত, কিছু ভুল হয়েছে', 'আমরা এটি নিয়ে কাজ করছি এবং যত তাড়াতাড়ি সম্ভব ঠিক করে দেব'],
        es: ['Lo sentimos, se produjo un error'],
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
        es: ['No se pudo actualizar el feed'],
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
