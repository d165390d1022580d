// The watched services, each declared once as data (docs/adding-a-service.md). Everything
// else derives from this list: the manifest's match patterns and host
// permissions (vite.config.ts), the bundled rule pack (rules/pack.ts), the
// background's network filters, the options page, the simulator's ordinary
// traffic and the test harnesses. Adding a service is one entry here, its
// rules file and its fixture pages: docs/adding-a-service.md.
import type { Problem } from './protocolValues.ts';
import type { ServiceRules } from './rules/schema.ts';
import { DISCORD_RULES } from './rules/services/discord.ts';
import { FACEBOOK_RULES } from './rules/services/facebook.ts';
import { INSTAGRAM_RULES } from './rules/services/instagram.ts';
import { REDDIT_RULES } from './rules/services/reddit.ts';
import { WHATSAPP_RULES } from './rules/services/whatsapp.ts';
import { X_RULES } from './rules/services/x.ts';
import { YOUTUBE_RULES } from './rules/services/youtube.ts';

export interface CatalogService {
  /** Stable id used on the wire (`x`, not `twitter`). */
  readonly id: string;
  readonly name: string;
  /** Registrable domains whose pages belong to the service (any subdomain matches). */
  readonly hosts: readonly string[];
  /** Hosts (and their subdomains) that the service's pages load data from; failures there count for the service. */
  readonly apiHosts: readonly string[];
  /** When set, only these exact hosts carry the service's pages (WhatsApp Web, not whatsapp.com). */
  readonly pageHosts?: readonly string[];
  /** Where people use the service in a browser: the host and path of its web app. */
  readonly webApp: { readonly host: string; readonly path: string };
  /** The problem most reports about the service name (messages on WhatsApp), when no signal names another. */
  readonly usualProblem?: Problem;
  /**
   * Its hosts are `optional_host_permissions`: asked for when the user
   * switches watching on in the options, so the install prompt keeps only the
   * first six services (docs/adding-a-service.md). Nothing runs on its pages until granted.
   */
  readonly optionalPermission?: true;
  /** Its detection rules (one file per service under rules/services/). */
  readonly rules: ServiceRules;
}

export const CATALOG: readonly CatalogService[] = [
  { id: 'x', name: 'X', hosts: ['x.com', 'twitter.com'], apiHosts: ['twimg.com', 't.co'], webApp: { host: 'x.com', path: '/home' }, rules: X_RULES },
  { id: 'facebook', name: 'Facebook', hosts: ['facebook.com', 'fb.com'], apiHosts: ['fbcdn.net', 'facebook.net'], webApp: { host: 'www.facebook.com', path: '/' }, rules: FACEBOOK_RULES },
  { id: 'instagram', name: 'Instagram', hosts: ['instagram.com'], apiHosts: ['cdninstagram.com'], webApp: { host: 'www.instagram.com', path: '/' }, usualProblem: 'feed', rules: INSTAGRAM_RULES },
  { id: 'whatsapp', name: 'WhatsApp', hosts: ['whatsapp.com'], pageHosts: ['web.whatsapp.com'], apiHosts: ['whatsapp.net'], webApp: { host: 'web.whatsapp.com', path: '/' }, usualProblem: 'messages', rules: WHATSAPP_RULES },
  { id: 'reddit', name: 'Reddit', hosts: ['reddit.com'], apiHosts: ['redditstatic.com', 'redditmedia.com', 'redd.it'], webApp: { host: 'www.reddit.com', path: '/' }, rules: REDDIT_RULES },
  { id: 'youtube', name: 'YouTube', hosts: ['youtube.com', 'youtu.be'], apiHosts: ['ytimg.com', 'googlevideo.com', 'youtubei.googleapis.com'], webApp: { host: 'www.youtube.com', path: '/' }, usualProblem: 'video', rules: YOUTUBE_RULES },
  { id: 'discord', name: 'Discord', hosts: ['discord.com'], apiHosts: ['discord.gg', 'discordapp.com', 'discordapp.net', 'discord.media'], webApp: { host: 'discord.com', path: '/channels/@me' }, usualProblem: 'messages', optionalPermission: true, rules: DISCORD_RULES },
];

const byId = new Map(CATALOG.map((s) => [s.id, s]));

export function catalogService(id: string): CatalogService | undefined {
  return byId.get(id);
}

export function isCatalogId(id: string): boolean {
  return byId.has(id);
}
