// Where simulated reports come from (docs/privacy-and-trust.md):
// most reporters on networks of their own, some households with two
// reporters, and carrier NAT in India and Bangladesh putting many reporters
// behind a few public addresses. The server counts at most
// LIMITS.networkReportsPerWindow reports per network, service and arrival
// window, and a raised level needs distinct networks (stats/networkCounts.ts),
// so the evaluation replays that rule on the counts and the simulator sends
// each report from its network through the trusted proxy hop.
import { LIMITS } from '../../../src/core/protocol.ts';
import type { Random } from './random.ts';
import type { ReportMix } from './types.ts';

export interface NetworkModel {
  /** Share of reports from carrier-NAT countries that come through the carrier's NAT. */
  carrierNatShare: number;
  /** Public addresses all of one carrier-NAT country's reporters of a service share. */
  carrierNatAddresses: number;
  /** Share of the other reports sent from a network a reporter of the same window already used. */
  householdShare: number;
}

/** Countries whose mobile carriers put most subscribers behind carrier-grade NAT. */
export const CARRIER_NAT_COUNTRIES: readonly string[] = ['IN', 'BD'];

export const NETWORK_MODELS = {
  /**
   * Half of India's and Bangladesh's reports through carrier NAT (mobile is most of their traffic), 64
   * shared addresses per country; one report in ten from a household that already reported.
   */
  realistic: { carrierNatShare: 0.5, carrierNatAddresses: 64, householdShare: 0.1 },
  /** Nearly all of them behind NAT, on 4 addresses per country: the worst case for honest counts. */
  heavyNat: { carrierNatShare: 0.95, carrierNatAddresses: 4, householdShare: 0.1 },
} as const satisfies Record<string, NetworkModel>;

const WINDOW = LIMITS.statusWindowMinutes;
const CAP = LIMITS.networkReportsPerWindow;

/**
 * Networks of one service, window by window: each report is given a network id, and told whether the
 * server would count it (its network still has a slot) and whether its network is new to the window.
 */
export class WindowNetworks {
  private window = Number.NaN;
  private natCounts: Int32Array;
  private lastFresh = -1;
  private lastFreshCount = 0;
  private nextFresh = 0;
  /** Of the last assign(): counted by the server, and first from its network in the window. */
  counted = false;
  isNew = false;

  constructor(private readonly model: NetworkModel, private readonly rng: Random) {
    this.natCounts = new Int32Array(CARRIER_NAT_COUNTRIES.length * model.carrierNatAddresses);
  }

  /** The network id of a report of `country` arriving in `minute`: < 0 for carrier-NAT addresses. */
  assign(minute: number, country: string | null): number {
    const window = minute - (minute % WINDOW);
    if (window !== this.window) {
      this.window = window;
      this.natCounts.fill(0);
      this.lastFresh = -1;
    }
    const natCountry = country === null ? -1 : CARRIER_NAT_COUNTRIES.indexOf(country);
    if (natCountry >= 0 && this.rng.next() < this.model.carrierNatShare) {
      const slot = natCountry * this.model.carrierNatAddresses + this.rng.int(this.model.carrierNatAddresses);
      const used = this.natCounts[slot]!++;
      this.counted = used < CAP;
      this.isNew = used === 0;
      return -1 - slot;
    }
    if (this.lastFresh >= 0 && this.rng.next() < this.model.householdShare) {
      this.counted = this.lastFreshCount++ < CAP;
      this.isNew = false;
      return this.lastFresh;
    }
    this.lastFresh = this.nextFresh++;
    this.lastFreshCount = 1;
    this.counted = true;
    this.isNew = true;
    return this.lastFresh;
  }
}

/** The address a network id is sent from (through the trusted proxy hop): 100.64/10 for carrier NAT. */
export function networkAddress(id: number): string {
  if (id < 0) {
    const slot = -1 - id;
    return `100.${64 + (slot >> 16)}.${(slot >> 8) & 255}.${slot & 255}`;
  }
  return `10.${(id >> 16) & 255}.${(id >> 8) & 255}.${id & 255}`;
}

export interface NetworkedCounts {
  /** Reports the server counts per minute (index from the scenario's startMinute). */
  counted: Uint32Array;
  /** Networks first seen in their window at each minute. */
  newNetworks: Uint32Array;
}

/** The scenario counts as the server would count them under `model`: `ordinary` and `excess` per minute. */
export function networkedCounts(
  ordinary: Uint32Array, excess: Uint32Array, ordinaryMix: ReportMix, incidentMix: ReportMix,
  startMinute: number, model: NetworkModel, rng: Random,
): NetworkedCounts {
  const counted = new Uint32Array(ordinary.length);
  const newNetworks = new Uint32Array(ordinary.length);
  const networks = new WindowNetworks(model, rng);
  // Only the carrier-NAT countries matter here: each mix's share of them, and how they split.
  const natOf = (mix: ReportMix) => {
    const countries = mix.countries.filter(([c]) => c !== null && CARRIER_NAT_COUNTRIES.includes(c)) as Array<[string, number]>;
    const all = mix.countries.reduce((sum, [, w]) => sum + w, 0);
    return { share: all > 0 ? countries.reduce((sum, [, w]) => sum + w, 0) / all : 0, countries };
  };
  const nats = [natOf(ordinaryMix), natOf(incidentMix)];
  for (let i = 0; i < ordinary.length; i++) {
    const minute = startMinute + i;
    for (let kind = 0; kind < 2; kind++) {
      const n = (kind === 0 ? ordinary : excess)[i]!;
      const nat = nats[kind]!;
      for (let k = 0; k < n; k++) {
        networks.assign(minute, nat.share > 0 && rng.next() < nat.share ? rng.pick(nat.countries) : null);
        if (networks.counted) counted[i]!++;
        if (networks.isNew) newNetworks[i]!++;
      }
    }
  }
  return { counted, newNetworks };
}
