// The site's feeds, badges and report form through app.inject(): Atom read
// with a real feed parser, badges parsed as strict XML, and the form counted
// through the same intake as POST /v1/reports (docs/site.md).
import { LevelChanges } from '../../server/site/siteData.ts';
import { parseFeed, parseXml } from './helpers/feeds.ts';
import { useSiteApp } from './helpers/siteApp.ts';

const { app, get, surge, nextNetwork } = useSiteApp();
const FORM = 'application/x-www-form-urlencoded';

const postForm = (url: string, body: string, network = nextNetwork()) =>
  app().inject({ method: 'POST', url, payload: body, headers: { 'content-type': FORM, 'x-forwarded-for': network } });
const outcomeOf = (html: string) => /data-outcome="([a-z_]+)"/.exec(html)?.[1];
const clientOf = (html: string) => /name="client" value="([^"]*)"/.exec(html)?.[1];

describe('feeds and badges', () => {
  beforeAll(async () => {
    await surge('x', 8, 40);
  });

  it('/feed.atom and /s/x/feed.atom are Atom a feed parser reads, with the incident start of X', async () => {
    const response = await get('/feed.atom');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const feed = await parseFeed(response.body);
    expect(feed.meta['#type']).toBe('atom');
    expect(feed.meta.title).toBe('Downwatch: incidents');
    const start = feed.items.find((i) => i.title === 'X: problems began');
    const since = JSON.parse((await get('/v1/services/x')).body).since as number;
    const sinceText = new Intl.DateTimeFormat('en', { timeZone: 'UTC', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' }).format(since);
    expect(start?.summary).toBe(`User reports indicate problems at X since ${sinceText} UTC.`);
    expect(start?.date?.getTime()).toBe(since);
    expect(start?.link).toBe('/s/x?lang=en');
    const one = await parseFeed((await get('/s/x/feed.atom?lang=bn')).body);
    expect(one.meta.title).toBe('Downwatch: X-এর ঘটনাসমূহ');
    expect(one.items.map((i) => i.title)).toContain('X: সমস্যা শুরু');
    const quiet = await parseFeed((await get('/s/quiet-example.org/feed.atom')).body);
    expect(quiet.items).toEqual([]);
  });

  it('records level changes inside an incident for the feed, not the start from ok or the first sighting', () => {
    const changes = new LevelChanges();
    const status = (at: number, level: string, since: number | null) => ({
      generatedAt: at, windowMinutes: 15, services: [{ id: 'x', name: 'X', level, count: 100, baseline: 1, since, peak: null, learning: false }],
    });
    changes.observe(status(1, 'outage', 0));
    changes.observe(status(2, 'outage', 0));
    changes.observe(status(3, 'warning', 0));
    changes.observe(status(4, 'ok', null));
    changes.observe(status(5, 'warning', 5));
    expect(changes.of('x').map((c) => [c.at, c.level])).toEqual([[3, 'warning']]);
  });

  it('/badge/x.svg is valid SVG with a <title>, the level colour, and the language asked for', async () => {
    const response = await get('/badge/x.svg');
    expect(response.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(response.headers['cross-origin-resource-policy']).toBe('cross-origin');
    const svg = parseXml(response.body).documentElement;
    expect(svg.tagName).toBe('svg');
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getElementsByTagName('title')[0]!.textContent).toBe('X: outage');
    const fills = Array.from(svg.getElementsByTagName('rect')).map((r) => r.getAttribute('fill'));
    expect(fills).toContain('#a40e26');
    const bengali = parseXml((await get('/badge/x.svg', { 'accept-language': 'bn' })).body).documentElement;
    expect(bengali.getElementsByTagName('title')[0]!.textContent).toBe('X: অচল');
    const calm = parseXml((await get('/badge/quiet-example.org.svg')).body).documentElement;
    expect(calm.getElementsByTagName('title')[0]!.textContent).toBe('quiet-example.org: no problems');
    expect((await get('/badge/twitter.com.svg')).headers.location).toBe('/badge/x.svg');
    expect((await get('/badge/%3Cb%3E.svg')).statusCode).toBe(404);
  });
});

describe('the report form', () => {
  it('counts a report sent without scripts, answers with a page, and suppresses a second one from that page', async () => {
    const counted = await postForm('/s/reddit/report', 'problem=login&client=&id=&lang=en');
    expect(counted.statusCode).toBe(200);
    expect(counted.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(counted.headers['cache-control']).toBe('no-store');
    expect(outcomeOf(counted.body)).toBe('counted');
    expect(counted.body).toContain('Thank you! Your report was counted.');
    const client = clientOf(counted.body)!;
    expect(client).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    const again = await postForm('/s/reddit/report', `problem=login&client=${client}&id=&lang=en`);
    expect(outcomeOf(again.body)).toBe('suppressed');
    expect(again.body).toContain('You already reported Reddit in the last 15 minutes');
    await app().downwatch.stats.refresh();
    const detail = JSON.parse((await get('/v1/services/reddit')).body);
    expect(detail.count).toBe(1);
    expect(detail.problems).toEqual([{ problem: 'login', count: 1 }]);
    expect(detail.signals).toEqual([]);
  });

  it('uses the ids a script made for the visit, and answers in the form\'s language', async () => {
    const client = 'visit-client-id-0001';
    const id = '6f1c2a9e-3b7d-4c1e-9a55-2f0d8e4b7c11';
    const first = await postForm('/s/example.org/report', `problem=website&client=${client}&id=${id}&lang=bn`);
    expect(first.body).toContain('<html lang="bn">');
    expect(outcomeOf(first.body)).toBe('counted');
    expect(clientOf(first.body)).toBe(client);
    expect(outcomeOf((await postForm('/s/example.org/report', `problem=website&client=${client}&id=${id}&lang=bn`)).body)).toBe('duplicate');
  });

  it('refuses what the protocol refuses, with the reason on the page, and anything but a form', async () => {
    const bad = await postForm('/s/x/report', 'problem=everything&lang=en');
    expect(outcomeOf(bad.body)).toBe('rejected');
    expect(bad.body).toContain('The server did not accept this report:');
    const badClient = await postForm('/s/x/report', 'problem=feed&client=short');
    expect(outcomeOf(badClient.body)).toBe('rejected');
    const json = await app().inject({ method: 'POST', url: '/s/x/report', payload: { problem: 'feed' } });
    expect(json.statusCode).toBe(415);
    expect(outcomeOf(json.body)).toBe('bad_form');
    const big = await postForm('/s/x/report', `problem=feed&pad=${'a'.repeat(5000)}`);
    expect(big.statusCode).toBe(413);
    expect((await postForm('/s/%3C/report', 'problem=feed')).statusCode).toBe(404);
    expect((await get('/s/x/report')).statusCode).toBe(405);
  });
});
