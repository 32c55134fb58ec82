// test-order: long, about 120 s
// The self-tests that judge whole runs of the reference provider, on one batch of runs
// (self-test-part.ts): every fault fails its catch and only checks that judge its rule (QoD:
// faults.ts, QoS Provisioning: faults-provisioning.ts), and every conforming variant is CONFORMANT
// (variants.ts); --profile safe leaves out only checks whose verdict others give
// (safety/safe-duplicates.ts); each version catches a fault in its rules (versions/fault-runs.ts);
// every rule of the other QoD versions' inventories is explained (rules/inventory-runs.ts); runs cost
// the sessions they may (safety/session-economy.ts); providers that behave like real ones get the root
// cause blamed once (real-provider-runs.ts).
import { inventoryRuns } from '../rules/inventory-runs.js';
import { safeDuplicates } from '../safety/safe-duplicates.js';
import { sessionEconomy } from '../safety/session-economy.js';
import { versionFaultRuns } from '../versions/fault-runs.js';
import { qodFaults } from './faults.js';
import { provisioningFaults } from './faults-provisioning.js';
import { realProviderRuns } from './real-provider-runs.js';
import { selfTestBatch } from './self-test-part.js';
import { variants } from './variants.js';

selfTestBatch([qodFaults, provisioningFaults, variants, safeDuplicates, versionFaultRuns, inventoryRuns, sessionEconomy, realProviderRuns]);
