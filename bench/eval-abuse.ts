// `npm run eval:abuse`: what it takes to fake an outage (docs/privacy-and-trust.md).
// For each goal, the fewest attacking networks (tried in CANDIDATES order,
// each trial on a fresh server, server/sim/abuse.ts) that reach it, with the
// reports they sent and the server counted; then one network going all out.
// Exits 1 when a goal of docs/privacy-and-trust.md is missed.
import { LIMITS } from '../src/core/protocol.ts';
import { quietAndBusyHours, runAttack, xWorld, type AttackOutcome, type AttackPlan } from '../server/sim/abuse.ts';

const CANDIDATES = [1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 30, 50];
const MINUTE_MS = 60_000;
const world = xWorld(Math.floor(Date.UTC(2026, 9, 5) / MINUTE_MS));
const { quiet, busy } = quietAndBusyHours(world);
const hourOf = (minute: number) => new Date(minute * MINUTE_MS).toISOString().slice(11, 16);

interface Goal {
  label: string;
  plan: Omit<AttackPlan, 'networks'>;
  reached(outcome: AttackOutcome): boolean;
}

const reach = (target: string, at: number): Omit<AttackPlan, 'networks'> => ({ target, at, perNetworkPerMinute: 1, minutes: 15 });
const hold = (at: number): Omit<AttackPlan, 'networks'> => ({ target: 'x', at, perNetworkPerMinute: 1, minutes: 75 });
const goals: Goal[] = [
  { label: '(a) list a never-seen domain', plan: reach('never-seen-abuse.example', quiet), reached: (o) => o.listed },
  { label: `(b) X to warning, quiet hour (${hourOf(quiet)}Z)`, plan: reach('x', quiet), reached: (o) => o.toWarning !== null },
  { label: `(b) X to outage, quiet hour (${hourOf(quiet)}Z)`, plan: reach('x', quiet), reached: (o) => o.toOutage !== null },
  { label: `(b) X to warning, busy hour (${hourOf(busy)}Z)`, plan: reach('x', busy), reached: (o) => o.toWarning !== null },
  { label: `(b) X to outage, busy hour (${hourOf(busy)}Z)`, plan: reach('x', busy), reached: (o) => o.toOutage !== null },
  { label: '(c) X at warning for an hour, quiet hour', plan: hold(quiet), reached: (o) => o.warningMinutes === 60 },
  { label: '(c) X at outage for an hour, quiet hour', plan: hold(quiet), reached: (o) => o.outageMinutes === 60 },
];

const rows: string[][] = [];
const missed: string[] = [];
let honestWithout: number | null = null;
for (const goal of goals) {
  let found: { networks: number; outcome: AttackOutcome } | null = null;
  for (const networks of CANDIDATES) {
    const outcome = await runAttack(world, { ...goal.plan, networks });
    process.stderr.write(`  ${goal.label}: ${networks} network(s) → warning ${outcome.toWarning ?? '—'}, outage ${outcome.toOutage ?? '—'}, listed ${outcome.listed}\n`);
    if (goal.reached(outcome)) {
      found = { networks, outcome };
      break;
    }
  }
  if (!found) {
    rows.push([goal.label, `> ${CANDIDATES.at(-1)}`, '—', '—', '—']);
    continue;
  }
  const { networks, outcome } = found;
  const when = goal.label.startsWith('(c)') ? '60 of 60 min' : `${outcome.toOutage ?? outcome.toWarning ?? '—'} min`;
  rows.push([goal.label, String(networks), outcome.sent.toLocaleString('en'), outcome.counted.toLocaleString('en'), when]);
  if (networks <= 1) missed.push(`${goal.label}: one network did it`);
  if (goal.label.startsWith('(a)') && networks < LIMITS.minNetworksToListDomain) missed.push(`${goal.label}: ${networks} networks did it`);
  if (goal.label.includes('outage, quiet hour') && goal.label.startsWith('(b)')) {
    // The honest signal during that attack, against the same minutes without it.
    const without = await runAttack(world, { ...goal.plan, networks: 0 });
    honestWithout = without.honestCounted;
    rows.push(['  honest X reports counted meanwhile (with / without the attack)', '', '', `${outcome.honestCounted} / ${honestWithout}`, '']);
  }
}

// One network going all out: 50 reports a minute for 75 minutes, at the quiet hour, on X and on a new domain.
const allOut = await runAttack(world, { target: 'x', at: quiet, networks: 1, perNetworkPerMinute: 50, minutes: 75 });
const allOutDomain = await runAttack(world, { target: 'one-network-abuse.example', at: quiet, networks: 1, perNetworkPerMinute: 50, minutes: 75 });
rows.push(['one network, 50 reports/min for 75 min on X', '1', allOut.sent.toLocaleString('en'), allOut.counted.toLocaleString('en'),
  `highest level: ${allOut.toOutage !== null ? 'outage' : allOut.toWarning !== null ? 'warning' : 'ok'}`]);
rows.push(['one network, 50 reports/min for 75 min on a new domain', '1', allOutDomain.sent.toLocaleString('en'),
  allOutDomain.counted.toLocaleString('en'), allOutDomain.listed ? 'LISTED' : 'never listed']);
if (allOut.toWarning !== null) missed.push('one network raised X');
if (allOutDomain.listed) missed.push('one network listed a domain');

const header = ['goal', 'networks needed', 'reports sent', 'reports counted', 'reached after'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
console.log(`eval:abuse — the real server on loopback (SQLite in memory), TRUST_PROXY=127.0.0.1, X with 4 weeks of history;`);
console.log(`attackers post 1 report per network per minute (fresh client ids), networks tried: ${CANDIDATES.join(', ')}.`);
console.log(`Limits: ${LIMITS.networkReportsPerWindow} counted reports per network, service and 15-minute window; levels need ${LIMITS.minNetworksForLevel} networks, a domain outside the catalog ${LIMITS.minNetworksToListDomain} (at most ${LIMITS.maxListedDomains} listed).\n`);
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const row of rows) console.log(line(row));
if (missed.length) {
  console.log(`\nGoals MISSED:\n${missed.map((m) => `  - ${m}`).join('\n')}`);
  process.exitCode = 1;
} else {
  console.log('\nGoals met: one network can do none of (a)–(c); (a) needs at least 10 networks.');
}
