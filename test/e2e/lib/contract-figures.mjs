// Figures in the wire format for the popup's states (docs/incidents.md): an
// outage hours in, the same incident recovering, a calm day, a server still
// learning. Times are relative to `now`, so the popup's "since" and chart
// line up with the clock of the browser that shows them.
const MIN = 60_000;

function buckets(now, minutes, count, shape) {
  const last = Math.floor(now / (minutes * MIN)) * minutes * MIN;
  return Array.from({ length: count }, (_, i) => {
    const t = last - (count - 1 - i) * minutes * MIN;
    const { reports, usual } = shape(t, Math.max(1, Math.min(minutes * MIN, now - t)) / (minutes * MIN));
    return { t, count: Math.round(reports), baseline: Math.round(usual * 100) / 100, ...(t === last ? { partial: true } : {}) };
  });
}

/** Reports per minute of an incident that started at `since`, peaked 25 minutes in and (for `recovering`) fell back. */
function perMinute(t, since, peakPerMinute, falling) {
  if (t < since) return 0.6;
  const m = (t - since) / MIN;
  const rise = Math.min(1, m / 25);
  const fall = falling ? Math.max(0.06, 1 - Math.max(0, m - 60) / 60) : 1;
  return 0.6 + peakPerMinute * rise * fall;
}

export function serviceFigures({ id, name, now, level, sinceMinutesAgo = null, peakPerMinute = 240, learning = false }) {
  const since = sinceMinutesAgo === null ? null : Math.floor((now - sinceMinutesAgo * MIN) / MIN) * MIN;
  const falling = level === 'recovering';
  const shape = (bucketMinutes) => (t, done) => {
    const rate = since === null ? 0.6 : perMinute(t, since, peakPerMinute, falling);
    return { reports: rate * bucketMinutes * done, usual: learning ? 0 : 0.66 * bucketMinutes };
  };
  const recent = buckets(now, 5, 72, shape(5));
  const series = buckets(now, 15, 96, shape(15));
  const full = series.filter((p) => !p.partial);
  const count = Math.round(perMinute(now - 8 * MIN, since ?? now, peakPerMinute, falling) * 15 * (since === null ? 0 : 1) + (since === null ? 9 : 0));
  const peakPoint = full.reduce((a, b) => (b.count > a.count ? b : a), full[0]);
  const status = {
    id, name, level, count, baseline: learning ? 0 : 10, since,
    peak: since === null ? null : { count: peakPoint.count, t: peakPoint.t + 15 * MIN },
    learning,
  };
  const detail = {
    ...status, generatedAt: now, bucketMinutes: 15, series,
    recent: { bucketMinutes: 5, points: recent },
    incidents: since === null ? [] : [{ since, until: null, peak: peakPoint.count, peakLevel: 'outage' }],
    problems: since === null
      ? [{ problem: 'website', count: 3 }, { problem: 'login', count: 2 }]
      : [{ problem: 'feed', count: Math.round(count * 0.52) }, { problem: 'login', count: Math.round(count * 0.27) }, { problem: 'website', count: Math.round(count * 0.14) }],
    countries: since === null ? [{ country: 'US', count: 4 }] : [{ country: 'BD', count: Math.round(count * 0.4) }, { country: 'IN', count: Math.round(count * 0.3) }, { country: 'other', count: 12 }],
    signals: since === null ? [] : [{ signal: 'banner', count: Math.round(count * 0.3) }, { signal: 'http_5xx', count: Math.round(count * 0.2) }],
  };
  return { status, detail };
}

/** The backend state for one popup state of X, with Facebook and WhatsApp down elsewhere. */
export function contractState(now, xState) {
  const x = serviceFigures({ id: 'x', name: 'X', now, ...xState });
  const facebook = serviceFigures({ id: 'facebook', name: 'Facebook', now, level: 'outage', sinceMinutesAgo: 70, peakPerMinute: 300 });
  const whatsapp = serviceFigures({ id: 'whatsapp', name: 'WhatsApp', now, level: 'warning', sinceMinutesAgo: 20, peakPerMinute: 20 });
  return {
    status: { generatedAt: now, windowMinutes: 15, services: [x.status, facebook.status, whatsapp.status] },
    details: { x: x.detail, facebook: facebook.detail, whatsapp: whatsapp.detail },
  };
}
