import { afterEach, describe, expect, it } from 'vitest';
import { fixtureBody, loadFixture, settle, startOn, type Harness } from './contentHarness.ts';

let h: Harness | undefined;
afterEach(() => h?.handle?.stop());

/** Swaps the page body as a single-page app does, then runs the idle batch. */
async function navigate(service: 'x' | 'whatsapp' | 'youtube', state: string, path?: string) {
  if (path && h) h.location.pathname = path;
  document.body.innerHTML = fixtureBody(service, state);
  await settle();
  h!.runIdle();
}

const types = () => h!.messages.map((m) => (m.type === 'content/signal' ? `${m.payload.signal}:${m.payload.ruleId}` : m.type));

describe('logout facts', () => {
  it('sends "logged in", then the wall as a logout signal when the session ends in the page', async () => {
    loadFixture('x', 'normal');
    h = await startOn('x', { path: '/home' });
    await navigate('x', 'login_wall', '/i/flow/login');
    expect(types()).toEqual(['content/loggedIn', 'logout:x.logout.login_path']);
  });

  it('sends no logout signal after the user clicked the site’s log-out control', async () => {
    loadFixture('x', 'normal');
    h = await startOn('x', { path: '/home' });
    const menu = document.getElementById('layers')!;
    menu.innerHTML = '<div role="menu"><a href="/logout" data-testid="AccountSwitcher_Logout_Button" role="menuitem"><span>Log out @alice_k</span></a></div>';
    await settle();
    h.runIdle();
    (menu.querySelector('span') as HTMLElement).click();
    await navigate('x', 'login_wall', '/i/flow/login');
    expect(types()).toEqual(['content/loggedIn', 'content/logoutClicked']);
  });

  it('recognises a text-labelled log-out control (Bengali UI) and ignores other menu items', async () => {
    loadFixture('whatsapp', 'normal');
    h = await startOn('whatsapp');
    const side = document.getElementById('side')!;
    side.insertAdjacentHTML('beforeend', '<div role="application"><ul><li role="button" id="settings">সেটিংস</li><li role="button" id="out">লগ আউট করুন</li></ul></div>');
    (document.getElementById('settings') as HTMLElement).click();
    expect(types()).toEqual(['content/loggedIn']);
    (document.getElementById('out') as HTMLElement).click();
    expect(types()).toEqual(['content/loggedIn', 'content/logoutClicked']);
  });

  it('treats a visit to the logout page as a deliberate log-out', async () => {
    loadFixture('x', 'normal');
    h = await startOn('x', { path: '/logout' });
    await navigate('x', 'login_wall', '/i/flow/login');
    expect(types()).toEqual(['content/logoutClicked']);
  });

  it('watches again once the user logged back in after a deliberate log-out', async () => {
    loadFixture('whatsapp', 'normal');
    h = await startOn('whatsapp');
    h.handle!.stop();
    loadFixture('whatsapp', 'normal');
    let now = 0;
    h = await startOn('whatsapp', { now: () => now });
    document.body.insertAdjacentHTML('beforeend', '<div data-testid="mi-logout" role="button" id="lo">Log out</div>');
    (document.getElementById('lo') as HTMLElement).click();
    await navigate('whatsapp', 'login_wall');
    now += 60_000;
    await navigate('whatsapp', 'normal');
    now += 60_000;
    await navigate('whatsapp', 'login_wall');
    expect(types()).toEqual(['content/loggedIn', 'content/logoutClicked', 'content/loggedIn', 'logout:whatsapp.logout.qr_code']);
  });

  it('sends one logout per wall however long the user stays on it', async () => {
    loadFixture('x', 'login_wall');
    let now = 0;
    h = await startOn('x', { path: '/i/flow/login', now: () => now });
    for (let i = 0; i < 5; i++) {
      now += 60_000;
      document.querySelector('main')!.append(document.createElement('div'));
      await settle();
      h.runIdle();
    }
    expect(types()).toEqual(['logout:x.logout.login_path']);
  });

  it('does not call a login prompt over a logged-in page a logout', async () => {
    loadFixture('youtube', 'normal');
    h = await startOn('youtube');
    document.querySelector('ytd-masthead #end')!.insertAdjacentHTML('beforeend', '<a href="https://accounts.google.com/ServiceLogin?service=youtube">Switch account</a>');
    await settle();
    h.runIdle();
    expect(types()).toEqual(['content/loggedIn']);
  });

  it('re-sends "logged in" no more than every 10 minutes while the page stays logged in', async () => {
    loadFixture('x', 'normal');
    let now = 0;
    h = await startOn('x', { now: () => now });
    const nav = document.querySelector('nav')!;
    for (const step of [60_000, 60_000, 9 * 60_000]) {
      now += step;
      nav.querySelector('[data-testid="AppTabBar_Profile_Link"]')!.textContent = `Profile ${now}`;
      await settle();
      h.runIdle();
    }
    expect(types()).toEqual(['content/loggedIn', 'content/loggedIn']);
  });
});
