// A cheap structural check of rule data, for the content script, which must
// stay small and so cannot carry TypeBox. It checks exactly what the content
// script reads (types of fields it uses), so bad data is refused instead of
// throwing mid-scan. The full schema check (`validateRulePack`) runs in the
// background before a fetched pack is ever stored or handed out.
import type { ServiceRules, TextMatcher } from './schema.ts';

type Rec = Record<string, unknown>;

const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);

function isTextMatcher(v: unknown): v is TextMatcher {
  if (!isRecord(v) || !isString(v.id) || !isStringList(v.selectors)) return false;
  if (v.texts !== undefined && !(isRecord(v.texts) && Object.values(v.texts).every(isStringList))) return false;
  if (v.onlyInSelectors !== undefined && typeof v.onlyInSelectors !== 'boolean') return false;
  return v.textMatch === undefined || v.textMatch === 'contains' || v.textMatch === 'equals';
}

const isMatcherList = (v: unknown): v is TextMatcher[] => Array.isArray(v) && v.every(isTextMatcher);

function isEmptyFeed(v: unknown): boolean {
  return isRecord(v) && isString(v.id) && isString(v.containerSelector) && isString(v.itemSelector) &&
    typeof v.timeoutMs === 'number' && v.timeoutMs >= 1_000;
}

function isLogout(v: unknown): boolean {
  return isRecord(v) && isString(v.id) && isStringList(v.loggedInSelectors) && isMatcherList(v.loginWall) &&
    isStringList(v.loginPaths) && isMatcherList(v.logoutControls) && isStringList(v.logoutPaths);
}

/** Whether `v` has the structure of one service's rules, as far as page detection uses it. */
export function hasServiceRulesShape(v: unknown): v is ServiceRules {
  if (!isRecord(v) || !isString(v.service) || !isStringList(v.userContentSelectors) || !isMatcherList(v.banner)) return false;
  if (v.retryTexts !== undefined && !(isRecord(v.retryTexts) && Object.values(v.retryTexts).every(isStringList))) return false;
  const feed = v.feedStalled;
  if (!isRecord(feed) || !isMatcherList(feed.matchers) || (feed.emptyFeed !== undefined && !isEmptyFeed(feed.emptyFeed))) return false;
  return v.logout === undefined || isLogout(v.logout);
}
