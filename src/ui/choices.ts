// The protocol's value lists the UI offers, taken from the TypeBox-free
// protocolValues.ts (protocol.ts would pull the schema library, ~12 KB gzip,
// into the popup).
export { PROBLEMS as PROBLEM_CHOICES } from '../core/protocolValues.ts';
