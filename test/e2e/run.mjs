#!/usr/bin/env node
// The end-to-end runner (`npm run e2e`): builds the extension for a local
// backend, starts the fake sites, then runs each scenario in turn with its own
// server and browser profile. Ends with the line `N passed, N failed`.
//
//   npm run e2e                 all scenarios
//   npm run e2e -- 2 5          only scenarios 2 and 5
//   npm run e2e -- --latency    also measure scenario 2's banner-to-counted latency (5 runs)
//
// Browsers missing: scenarios that need them are skipped with a message, but
// under CI=true they fail. Screenshots, per-scenario logs and failure evidence
// go to artifacts/e2e/.
import { register } from 'tsx/esm/api';

// The harness imports the catalog from src/core (TypeScript): load it through tsx.
register();
const { main } = await import('./lib/runner.mjs');
process.exitCode = await main(process.argv.slice(2));
