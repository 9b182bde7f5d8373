/**
 * Crash test at any size: `npm run bench:chaos -- [kills] [commandsPerLife] [maxLifeMs] [seed]`.
 * Spawns the compiled daemon against `gsmkeeper simulate --listen`, kills it with SIGKILL at random
 * moments under a mixed workload, and prints what the witnesses say (phones, carrier log, database).
 */
import os from 'node:os';
import { runChaos } from '../test/harness/chaos.js';

const [kills = '50', perLife = '4', maxLife = '700', seed = '20261121'] = process.argv.slice(2);
console.log(`chaos: ${kills} SIGKILLs, ${perLife} commands per life, lives up to ${maxLife} ms, seed ${seed}`);
console.log(`machine: ${os.cpus().length} cores, Node ${process.version}`);
const report = await runChaos({
  kills: Number(kills),
  commandsPerLife: Number(perLife),
  maxLifeMs: Number(maxLife),
  seed: Number(seed),
  onProgress: (line) => process.stderr.write(`${line}\r`),
});
process.stderr.write('\n');
console.table({
  'commands sent': report.sent,
  'answered exactly once': report.answeredOnce,
  'unanswered, reply uncertain (crash mid-send)': report.unansweredUncertain,
  'unanswered otherwise (must be 0)': report.unanswered,
  'answered twice (must be 0)': report.answeredTwice,
  'replies to wrong passwords (must be 0)': report.repliesToWrongPasswords,
  'USSD dials': report.dials,
  'a code dialled twice (must be 0)': report.duplicateDials,
  'recharges left dialling (must be 0)': report.leftDialling,
  'commands left unfinished (must be 0)': report.leftUnfinished,
  'codes found in full in the daemon output (must be 0)': report.leakedCodes,
  'codes found in full in the database bytes (must be 0)': report.codesAtRest,
  seconds: report.seconds,
});
console.log('recharges by state:', report.rechargesByState, 'commands by kind:', report.byKind);
const bad = report.unanswered + report.answeredTwice + report.repliesToWrongPasswords + report.duplicateDials + report.leftDialling + report.leftUnfinished + report.leakedCodes + report.codesAtRest;
process.exit(bad === 0 ? 0 : 1);
