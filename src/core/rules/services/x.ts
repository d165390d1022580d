// X (x.com, twitter.com): selectors use the attributes X really renders
// (data-testid, role, aria-*), not its generated class names.
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
        // X's web i18n tables (docs/detection-sources.md): keys gd769996, a5d4fda0, hae1c934.
        en: ['Something went wrong. Try reloading', "Something went wrong, but don't fret"],
        bn: ['কোনো একটা সমস্যা হয়েছে। পুনরায় লোড করার চেষ্টা করুন', 'কিছু ভুল হয়েছে, তবে চিন্তা করবেন না'],
        hi: ['कुछ गलत हुआ. फिर से लोड करने की कोशिश करें', 'कुछ गलत हुआ, पर आप परेशान न हों'],
        es: ['Algo salió mal. Intenta recargar', 'Algo salió mal, pero no te preocupes'],
      },
    },
    {
      // The error toast (i18n ef4602ec, f377195c) in X's toast layer.
      id: 'x.banner.toast',
      selectors: ['#layers [role="alert"]', '[data-testid="toast"]'],
      texts: {
        en: ['Something went wrong. Please try again later', 'X is over capacity'],
        bn: ['কিছু একটা সমস্যা হয়েছে। অনুগ্রহ করে পরে আবার চেষ্টা করুন'],
        hi: ['कुछ गलत हुआ. कृपया बाद में फिर से कोशिश करें'],
        es: ['Algo salió mal. Inténtalo de nuevo más tarde'],
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
        texts: { en: ['Retry'], bn: ['আবার চেষ্টা করুন'], hi: ['फिर से कोशिश करें'], es: ['Intentar de nuevo'] },
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
