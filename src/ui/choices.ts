// The protocol's value lists that the popup needs, repeated here as plain
// constants: importing them from protocol.ts would pull the whole TypeBox
// schema library (~12 KB gzip) into the popup. `satisfies` keeps every value
// valid and a unit test keeps the lists equal to the protocol's.
import type { Level, Problem } from '../core/protocol.ts';

export const PROBLEM_CHOICES = ['website', 'login', 'feed', 'posting', 'messages', 'video', 'other'] as const satisfies readonly Problem[];
export const LEVEL_VALUES = ['ok', 'warning', 'outage'] as const satisfies readonly Level[];
