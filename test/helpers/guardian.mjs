// Runs one program (socat, python3 …) for a test and ends it when the test process dies: the
// guardian leads the process group, so killing the group ends both, and a guardian whose parent
// is gone kills its group. Exits as the program did.
import { spawn } from 'node:child_process';

const [command, ...args] = process.argv.slice(2);
const parent = process.ppid;
const child = spawn(command, args, { stdio: 'inherit' });
const killGroup = () => process.kill(-process.pid, 'SIGKILL');

setInterval(() => {
  if (process.ppid !== parent) killGroup();
}, 200).unref();
// A signal sent to the guardian alone is passed on (one sent to the group reaches both anyway).
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('error', (err) => {
  process.stderr.write(`${command}: ${err.message}\n`);
  process.exit(127);
});
child.on('exit', (code, signal) => {
  if (signal) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  } else process.exit(code ?? 1);
});
