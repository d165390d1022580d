// Discord (discord.com, its web app at /app and /channels/…). Texts are the
// web client's own message strings (en-US/en-GB, hi, es-ES and es-419 tables
// of a public datamining snapshot of its bundles); Discord has no Bengali UI.
// Its CSS-module classes are hashed (`errorPage_4f2b1c`, `slideIn-3cF1Zx`),
// so selectors match the stable part with `[class*="…"]`, and the texts do
// the rest. The failure UI it renders:
//
// - the crash screen (its error boundary replaces the whole app): "Well, this
//   is awkward" / "Looks like Discord has crashed unexpectedly....";
// - the connecting screen stuck: the same full-screen overlay shows on every
//   start ("Did you know …"), so only its footer counts, which slides in (class
//   `slideIn`) after 10 s still not connected: "Connection problems? Let us know!";
// - a server that is down: the chat area becomes "Unavailable" / "Looks like
//   we’re having trouble connecting…";
// - a channel whose messages failed to load: a bar "Messages failed to load"
//   with "Try Again".
//
// Not matched: the voice panel's RTC states ("Awaiting Endpoint", "RTC
// Connecting", "No Route") describe one voice call, not the app; "Network
// connectivity limited or unavailable" is the user's own connection.
import type { ServiceRules } from '../schema.ts';
import { DEFAULT_THRESHOLD } from '../threshold.ts';

export const DISCORD_RULES: ServiceRules = {
  service: 'discord',
  userContentSelectors: [
    '[data-list-id="chat-messages"]',
    '[id^="message-content-"]',
    '[id^="message-username-"]',
    '[role="textbox"]',
    '[data-list-item-id^="channels___"]',
    '[data-list-item-id^="guildsnav___"]',
    '[class*="sidebar"] header',
    '[class*="members"]',
    '[class*="searchResults"]',
  ],
  banner: [
    {
      id: 'discord.banner.crash',
      selectors: ['[class*="errorPage"]'],
      texts: {
        en: ['Looks like Discord has crashed unexpectedly'],
        hi: ['लगता है कि Discord अचानक से क्रैश हो गया है'],
        es: ['Parece que Discord se ha cerrado inesperadamente', 'Parece que Discord sufrió una caída inesperada'],
      },
    },
    {
      id: 'discord.banner.connection_problems',
      selectors: ['[class*="problems"][class*="slideIn"]'],
      // The footer is in every connecting screen; only its slid-in state is the failure.
      onlyInSelectors: true,
      texts: {
        en: ['Connection problems? Let us know'],
        hi: ['कनेक्शन से जुड़ी समस्याएं? हमें बताएं'],
        es: ['¿Problemas de conexión? ¡Avísanos', '¿Problemas de conexión? ¡Cuéntanos'],
      },
    },
    {
      id: 'discord.banner.server_unavailable',
      selectors: ['[class*="splashHeader"]'],
      texts: {
        en: ['Looks like we’re having trouble connecting'],
        hi: ['ऐसा लगता है कि कनेक्ट करने में कोई परेशानी हो रही है'],
        es: ['Parece que estamos teniendo problemas con la conexión', 'Parece que tenemos problemas para conectarnos'],
      },
    },
  ],
  // The crash screen's Reload button (ERRORS_RELOAD) and the failed-messages bar's Try Again
  // (MESSAGES_FAILED_TO_LOAD_TRY_AGAIN), docs/detection-sources.md.
  retryTexts: { en: ['Reload', 'Try Again'] },
  feedStalled: {
    matchers: [
      {
        id: 'discord.feed.messages_failed',
        selectors: ['[class*="messagesErrorBar"]'],
        texts: {
          en: ['Messages failed to load'],
          hi: ['मैसेज लोड होने में असफल हुए'],
          es: ['No se han podido cargar los mensajes', 'Error al cargar los mensajes'],
        },
      },
    ],
  },
  logout: {
    id: 'discord.logout.login_path',
    // The server list and the account panel: present in every logged-in view, even a server that is down.
    loggedInSelectors: ['nav[class*="guilds"]', 'section[class*="panels"]'],
    loginWall: [
      { id: 'discord.logout.login_form', selectors: ['form input[name="password"][type="password"]', 'form [class*="qrLogin"]'] },
    ],
    loginPaths: ['/login'],
    logoutControls: [
      {
        id: 'discord.logout.control',
        // "Log Out" in the settings sidebar, then in its confirmation dialog.
        selectors: ['[role="tab"]', '[role="dialog"] button[type="submit"]'],
        texts: { en: ['Log Out'], hi: ['लॉग आउट करें'], es: ['Cerrar sesión'] },
        textMatch: 'equals',
      },
    ],
    logoutPaths: [],
    recentLoginWindowMs: 6 * 3_600_000,
  },
  threshold: DEFAULT_THRESHOLD,
};
