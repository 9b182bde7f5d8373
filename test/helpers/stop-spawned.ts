import { afterAll } from 'vitest';
import { stopSpawned } from './processes.js';

// Every test file: whatever it started and did not stop (a failed assertion skipped the stop) is
// stopped when the file ends, process groups included.
afterAll(stopSpawned);
