// Prometheus text exposition (GET /metrics), kept dependency-free: a few
// counters and two histograms are all the server needs.
const BATCH_SIZE_BUCKETS = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500];
const COMMIT_SECONDS_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

class Histogram {
  private readonly counts: number[];
  private sum = 0;
  private total = 0;
  constructor(readonly buckets: number[]) {
    this.counts = buckets.map(() => 0);
  }
  observe(value: number): void {
    this.sum += value;
    this.total++;
    for (let i = 0; i < this.buckets.length; i++) if (value <= this.buckets[i]!) this.counts[i]!++;
  }
  render(name: string, help: string): string[] {
    const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} histogram`];
    this.buckets.forEach((le, i) => lines.push(`${name}_bucket{le="${le}"} ${this.counts[i]}`));
    lines.push(`${name}_bucket{le="+Inf"} ${this.total}`, `${name}_sum ${this.sum}`, `${name}_count ${this.total}`);
    return lines;
  }
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];

interface RequestSeries {
  labels: string;
  count: number;
}

const escapeLabel = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

export class Metrics {
  private readonly reports = new Map<string, number>();
  private readonly batchSizes = new Histogram(BATCH_SIZE_BUCKETS);
  private readonly commitSeconds = new Histogram(COMMIT_SECONDS_BUCKETS);
  private failedCommits = 0;
  private readonly refreshQuery = new Histogram(COMMIT_SECONDS_BUCKETS);
  private readonly refreshCompute = new Histogram(COMMIT_SECONDS_BUCKETS);
  /** Public site pages by route pattern: [renders, answers from the page cache]. */
  private readonly sitePages = new Map<string, [number, number]>();

  /**
   * Request counts by route, then by (code, method) as one number: this runs on every request, so no label
   * text is built for it (the labels are made once per series).
   */
  private readonly requestCounts = new Map<string, Map<number, RequestSeries>>();

  request(route: string, method: string, code: number): void {
    let byCode = this.requestCounts.get(route);
    if (byCode === undefined) this.requestCounts.set(route, (byCode = new Map()));
    const methodIndex = METHODS.indexOf(method);
    const id = code * 64 + (methodIndex < 0 ? METHODS.length : methodIndex);
    const series = byCode.get(id);
    if (series !== undefined) series.count++;
    else byCode.set(id, { labels: `route="${escapeLabel(route)}",method="${methodIndex < 0 ? 'other' : method}",code="${code}"`, count: 1 });
  }

  report(status: string, amount = 1): void {
    this.reports.set(status, (this.reports.get(status) ?? 0) + amount);
  }

  batch(reports: number, seconds: number, failed: boolean): void {
    this.batchSizes.observe(reports);
    this.commitSeconds.observe(seconds);
    if (failed) this.failedCommits++;
  }

  /** A site page answered: rendered for it, or served from the page cache. */
  sitePage(route: string, fromCache: boolean): void {
    let counts = this.sitePages.get(route);
    if (!counts) this.sitePages.set(route, (counts = [0, 0]));
    counts[fromCache ? 1 : 0]++;
  }

  statsRefresh(querySeconds: number, computeSeconds: number): void {
    this.refreshQuery.observe(querySeconds);
    this.refreshCompute.observe(computeSeconds);
  }

  render(): string {
    const lines = ['# HELP downwatch_http_requests_total HTTP requests by route, method and status code',
      '# TYPE downwatch_http_requests_total counter'];
    for (const byCode of this.requestCounts.values()) {
      for (const series of byCode.values()) lines.push(`downwatch_http_requests_total{${series.labels}} ${series.count}`);
    }
    lines.push('# HELP downwatch_reports_total Reports received, by result status', '# TYPE downwatch_reports_total counter');
    for (const [status, value] of this.reports) lines.push(`downwatch_reports_total{status="${status}"} ${value}`);
    lines.push(...this.batchSizes.render('downwatch_batch_reports', 'Reports per group-committed transaction'));
    lines.push(...this.commitSeconds.render('downwatch_commit_seconds', 'Time to commit one batch transaction'));
    lines.push(...this.refreshQuery.render('downwatch_stats_query_seconds', 'Time to read counts for one background stats refresh'));
    lines.push(...this.refreshCompute.render('downwatch_stats_compute_seconds', 'Time to compute levels for one background stats refresh'));
    lines.push('# HELP downwatch_site_renders_total Public site pages rendered, by route', '# TYPE downwatch_site_renders_total counter');
    for (const [route, [renders]] of this.sitePages) lines.push(`downwatch_site_renders_total{route="${escapeLabel(route)}"} ${renders}`);
    lines.push('# HELP downwatch_site_cache_hits_total Public site pages served from the page cache, by route', '# TYPE downwatch_site_cache_hits_total counter');
    for (const [route, [, hits]] of this.sitePages) lines.push(`downwatch_site_cache_hits_total{route="${escapeLabel(route)}"} ${hits}`);
    lines.push('# HELP downwatch_commit_failures_total Batch transactions that failed', '# TYPE downwatch_commit_failures_total counter',
      `downwatch_commit_failures_total ${this.failedCommits}`);
    return `${lines.join('\n')}\n`;
  }
}
