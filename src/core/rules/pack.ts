// The bundled rule pack: one entry per catalog service (DESIGN §2–§3). The
// server serves it at `GET /v1/rules`; the extension uses it until a newer,
// valid pack has been fetched. Texts are what each site shows in its own error
// UI, per UI language; selectors scope them to that UI so a user's post that
// quotes an error text never matches (`userContentSelectors` are excluded too).
//
// Texts are matched as case-insensitive substrings after `normaliseText`, so
// they leave out trailing punctuation that differs between languages (. / ।).
import type { RulePack, ServiceRules } from './schema.ts';
import { FACEBOOK_RULES } from './services/facebook.ts';
import { INSTAGRAM_RULES } from './services/instagram.ts';
import { REDDIT_RULES } from './services/reddit.ts';
import { WHATSAPP_RULES } from './services/whatsapp.ts';
import { X_RULES } from './services/x.ts';
import { YOUTUBE_RULES } from './services/youtube.ts';

export const BUNDLED_RULE_PACK: RulePack = {
  version: '2026.11.29-1',
  services: [X_RULES, FACEBOOK_RULES, INSTAGRAM_RULES, WHATSAPP_RULES, REDDIT_RULES, YOUTUBE_RULES],
};

/** The rules for one service in a pack, if it has any. */
export function rulesForService(pack: RulePack, service: string): ServiceRules | undefined {
  return pack.services.find((rules) => rules.service === service);
}
