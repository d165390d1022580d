// The public status site during the demo's X outage (docs/site.md): `/` and
// `/s/x` in English and Bengali, at 390 px and 1280 px, light and dark, saved
// as artifacts/e2e/site-*.png; axe-core finds no violations; the pages are
// whole with JavaScript off and the script shifts nothing; the Atom feed
// parses with a feed reader's parser; the badge is valid SVG and renders.
import { axeViolations, launchVisitor, parseFeed, parseXml, startDemoSite, visit } from '../lib/site.mjs';
import { check } from '../lib/wait.mjs';

const PAGES = { home: '/', x: '/s/x' };

export default {
  id: 19,
  name: 'status site: / and /s/x during the X outage, en and bn, 390 and 1280 px, light and dark; axe 0; works without JavaScript; feed and badge',
  backend: false,
  timeout: 420_000,
  async run(ctx) {
    const base = await startDemoSite(ctx);
    const browser = await launchVisitor(ctx);
    const problems = [];

    for (const [pageName, path] of Object.entries(PAGES)) {
      for (const lang of ['en', 'bn']) {
        for (const width of [390, 1280]) {
          for (const scheme of ['light', 'dark']) {
            const name = `site-${pageName}-${lang}-${width}-${scheme}`;
            const { page, context, errors } = await visit(browser, `${base}${path}`, { width, scheme, lang });
            check(await page.getAttribute('html', 'lang') === lang, `${name}: <html lang> should be ${lang}`);
            const text = await page.textContent('main');
            if (pageName === 'home') check(await page.locator('[data-testid="down-list"] a', { hasText: 'X' }).count() === 1, `${name}: X should be listed as down`);
            else check((await page.textContent('[data-testid="verdict"]')).includes(lang === 'en' ? 'X is down for many people' : 'X'), `${name}: the verdict should say X is down`);
            if (lang === 'bn') check(/[০-৯]/.test(text), `${name}: figures should be in Bengali digits`);
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
            check(overflow <= 0, `${name}: the page is ${overflow} px wider than the window`);
            await page.screenshot({ path: ctx.artifact(`${name}.png`), fullPage: true });
            const violations = await axeViolations(page);
            ctx.log(`axe ${name}: ${violations.length} violation(s)`);
            if (violations.length) problems.push(`${name}: ${violations.join('; ')}`);
            if (errors.length) problems.push(`${name}: console errors: ${errors.join('; ')}`);
            await context.close();
          }
        }
      }

      // Without JavaScript the page is whole, and the script (times in the reader's zone, form ids) moves nothing.
      const withJs = await visit(browser, `${base}${path}?lang=en`, { width: 390 });
      const withoutJs = await visit(browser, `${base}${path}?lang=en`, { width: 390, js: false });
      const heights = await Promise.all([withJs, withoutJs].map(({ page }) => page.evaluate(() => document.body.scrollHeight)));
      check(heights[0] === heights[1], `${pageName}: the page is ${heights[0]} px tall with the script and ${heights[1]} px without (a layout shift)`);
      const noJsText = await withoutJs.page.textContent('main');
      check(noJsText.includes('X') && /UTC/.test(noJsText), `${pageName}: without JavaScript the page shows its figures with times in UTC`);
      if (pageName === 'x') check(await withoutJs.page.locator('form[action="/s/x/report"] button[type="submit"]').count() === 1, 'the report form is there without JavaScript');
      await withJs.context.close();
      await withoutJs.context.close();
    }

    const feedResponse = await fetch(`${base}/feed.atom`);
    check(feedResponse.headers.get('content-type') === 'application/atom+xml; charset=utf-8', 'the feed is served as Atom');
    const feed = await parseFeed(await feedResponse.text());
    check(feed.items.some((item) => item.title === 'X: problems began'), `the feed should carry the start of X's incident, has: ${feed.items.map((i) => i.title).join(', ')}`);
    ctx.log(`feed: ${feed.items.length} entries`);

    const badgeText = await (await fetch(`${base}/badge/x.svg`)).text();
    const svg = parseXml(badgeText).documentElement;
    check(svg.tagName === 'svg' && svg.getElementsByTagName('title')[0]?.textContent === 'X: outage', 'the badge is SVG titled "X: outage"');
    const { page: badgePage, context: badgeContext } = await visit(browser, `${base}/badge/x.svg`);
    const box = await badgePage.evaluate(() => document.documentElement.getBoundingClientRect().width);
    check(box > 40, `the badge should render with a width, got ${box}`);
    await badgePage.screenshot({ path: ctx.artifact('site-badge-x.png') });
    await badgeContext.close();

    if (problems.length) throw new Error(`problems on the site's pages:\n- ${problems.join('\n- ')}`);
  },
};
