// The public status site's pages through app.inject(), the path real
// clients take (docs/site.md): every page route, caching (ETag, 304, one
// render per period and language), language negotiation and the sticky
// switch, unknown and invalid services, escaping, CSP, metrics and
// PUBLIC_SITE=false.
import { useSiteApp } from './helpers/siteApp.ts';
import { sqliteDatabase } from './helpers/databases.ts';
import { testConfig } from './helpers/reports.ts';
import { buildApp } from '../../server/app.ts';

const { clock, app, get, surge } = useSiteApp();

describe('public site pages', () => {
  beforeAll(async () => {
    await surge('x', 8, 40);
  });

  it('/ lists what is down first, then every catalog service with its count, usual level and sparkline', async () => {
    const response = await get('/');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = response.body;
    expect(html.startsWith('<!doctype html><html lang="en">')).toBe(true);
    const downList = html.slice(html.indexOf('data-testid="down-list"'), html.indexOf('</ul>', html.indexOf('data-testid="down-list"')));
    expect(downList).toContain('href="/s/x?lang=en"');
    expect(downList).toMatch(/level-(outage|warning)/);
    for (const name of ['X', 'Facebook', 'Instagram', 'WhatsApp', 'Reddit', 'YouTube', 'Discord']) expect(html).toContain(`>${name}</a></th>`);
    expect(html.match(/class="sparkline"/g)).toHaveLength(7);
    expect(html).toContain('action="/search"');
  });

  it('/s/x has the figures, chart views as links, breakdowns, incidents, the report form and Open Graph preview', async () => {
    const response = await get('/s/x');
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html).toMatch(/<meta property="og:title" content="X — (Outage|Possible problems) · 320 reports in 15 min"\/>/);
    expect(html).toContain('href="/s/x?view=7d&amp;lang=en"');
    expect(html).toContain("Feed or timeline won't load");
    expect(html).toContain('United States');
    expect(html).toContain('Error banner');
    expect(html).toContain('id="official-status"');
    expect(html).toContain('action="/s/x/report"');
    expect(html).toContain('(placeholder: store listing not yet published)');
    const week = await get('/s/x?view=7d');
    expect(week.body).toMatch(/<a href="\/s\/x\?view=7d&amp;lang=en" aria-current="page">/);
  });

  it('answers 304 to a matching If-None-Match and renders a page once per period and language', async () => {
    const first = await get('/about?lang=bn');
    const etag = first.headers.etag as string;
    expect(first.headers['cache-control']).toBe('public, max-age=15, stale-while-revalidate=60');
    expect(first.headers.vary).toBe('Accept-Language');
    const again = await get('/about?lang=bn', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const metrics = (await get('/metrics')).body;
    expect(metrics).toMatch(/downwatch_site_renders_total\{route="\/about"\} 1\n/);
    expect(metrics).toMatch(/downwatch_site_cache_hits_total\{route="\/about"\} 1\n/);
    clock.advance(16_000);
    const later = await get('/about?lang=bn', { 'if-none-match': etag });
    expect(later.statusCode).toBe(304);
    expect((await get('/metrics')).body).toMatch(/downwatch_site_renders_total\{route="\/about"\} 2\n/);
  });

  it('picks the language from Accept-Language, and a lang link overrides it and sticks in every link', async () => {
    const bengali = await get('/', { 'accept-language': 'fr-FR, bn-BD;q=0.8, en;q=0.5' });
    expect(bengali.body).toContain('<html lang="bn">');
    expect(bengali.body).toContain('এই মুহূর্তে কী বন্ধ');
    expect(bengali.body).toMatch(/১,?[০-৯]/); // Bengali digits
    expect(bengali.body).toContain('href="/?lang=en"');
    const english = await get('/', { 'accept-language': 'en-GB,en;q=0.9,bn;q=0.8' });
    expect(english.body).toContain('<html lang="en">');
    const chosen = await get('/s/x?lang=bn', { 'accept-language': 'en' });
    expect(chosen.body).toContain('<html lang="bn">');
    const links = [...chosen.body.matchAll(/href="(\/[^"]*)"/g)].map((m) => m[1]!).filter((h) => !h.startsWith('/site/') && !h.endsWith('.atom'));
    for (const href of links) expect(href).toMatch(/lang=(bn|en)/);
    expect(chosen.body).toContain('UTC');
    expect(chosen.body).toMatch(/<time datetime="[^"]+Z" data-local="time">[০-৯]{2}:[০-৯]{2} UTC<\/time>/);
  });

  it('a valid domain nobody reported is a calm no-reports page; a catalog host redirects to its id', async () => {
    const quiet = await get('/s/quiet-example.org');
    expect(quiet.statusCode).toBe(200);
    expect(quiet.body).toContain('data-testid="no-reports"');
    expect(quiet.body).toContain('No reports for quiet-example.org right now.');
    const host = await get('/s/twitter.com?lang=bn');
    expect(host.statusCode).toBe(301);
    expect(host.headers.location).toBe('/s/x?lang=bn');
  });

  it('an invalid id is a helpful 404 page that shows what was asked as text, never as markup', async () => {
    const response = await get('/s/%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toContain('&lt;script>alert(1)&lt;/script>');
    expect(response.body).not.toContain('<script>alert');
    expect(response.body).toContain('example.com');
    const searched = await get('/search?q=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E');
    expect(searched.statusCode).toBe(404);
    expect(searched.body).not.toContain('<img src=x');
  });

  it('escapes the domain wherever a page shows it (title, heading, Open Graph, links, form action)', async () => {
    const response = await get('/s/a-b.org');
    expect(response.body).toContain('<h1>Is a-b.org down?</h1>');
    expect(response.body).toContain('content="a-b.org — No problems · 0 reports in 15 min"');
    // The protocol lets no markup into a valid id; the components escape it anyway, as a hostile one shows.
    const hostile = '"><script>alert(1)</script>&x=<b>';
    const { renderService } = await import('../../server/site/render.tsx');
    const detail = JSON.parse((await get('/v1/services/a-b.org')).body);
    const html = renderService('en', { css: '/c', js: '/j' }, { detail: { ...detail, id: hostile, name: hostile }, view: '24h', generatedAt: clock.now(), incidents: [] });
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<b>');
    expect(html).toContain('<h1>Is &quot;>&lt;script>alert(1)&lt;/script>&amp;x=&lt;b> down?</h1>');
    expect(html).toContain('<title>Is &quot;>&lt;script>alert(1)&lt;/script>&amp;x=&lt;b> down? · Downwatch</title>');
    expect(html).toContain('action="/s/%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E%26x%3D%3Cb%3E/report"');
  });

  it('search takes a service name, a host or a URL to the service page; the badge, feed and assets answer', async () => {
    expect((await get('/search?q=https://mobile.twitter.com/home&lang=bn')).headers.location).toBe('/s/x?lang=bn');
    expect((await get('/search?q=news.example.co.uk')).headers.location).toBe('/s/example.co.uk?lang=en');
    expect((await get('/search?q=Shop.Example.com:8080/cart')).headers.location).toBe('/s/example.com?lang=en');
    const page = (await get('/')).body;
    const css = /href="(\/site\/site\.[^"]+\.css)"/.exec(page)![1]!;
    const js = /src="(\/site\/site\.[^"]+\.js)"/.exec(page)![1]!;
    const style = await get(css);
    expect(style.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(style.body).toContain('--outage-fg');
    expect((await get(js)).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await get('/site/nothing.css')).statusCode).toBe(404);
  });

  it('carries a CSP that allows only the site\'s own script and styles, and no inline script or style', async () => {
    const response = await get('/s/x');
    const csp = response.headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(response.body).not.toMatch(/\sstyle="/);
    expect(response.body).not.toContain('<style');
  });

  it('answers HEAD like GET without a body, and refuses other methods with 405', async () => {
    const head = await app().inject({ method: 'HEAD', url: '/' });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
    const put = await app().inject({ method: 'PUT', url: '/s/x' });
    expect(put.statusCode).toBe(405);
    expect(put.headers.allow).toBe('GET, HEAD, OPTIONS');
  });
});

describe('PUBLIC_SITE=false', () => {
  it('leaves only the API: the site\'s paths are 404 and the API still answers', async () => {
    const db = sqliteDatabase();
    const apiOnly = await buildApp({ config: testConfig(db.url, { PUBLIC_SITE: 'false' }), logger: false });
    try {
      for (const url of ['/', '/s/x', '/about', '/feed.atom', '/badge/x.svg']) {
        expect((await apiOnly.inject({ method: 'GET', url })).statusCode).toBe(404);
      }
      expect((await apiOnly.inject({ method: 'GET', url: '/v1/status' })).statusCode).toBe(200);
    } finally {
      await apiOnly.close();
      await db.drop();
    }
  });
});
