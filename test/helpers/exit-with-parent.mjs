// Loaded into every Node process a test starts (NODE_OPTIONS=--import): when the process that
// started it dies without stopping it (a test worker killed, Ctrl-C, socat SIGKILLed), it ends too,
// instead of living on under PID 1. Plain JavaScript: the children run compiled code, not tsx.
const parent = process.ppid;
const watch = setInterval(() => {
  if (process.ppid === parent) return;
  clearInterval(watch);
  process.kill(process.pid, 'SIGTERM');
  // A process whose SIGTERM handler hangs is ended all the same.
  setTimeout(() => process.kill(process.pid, 'SIGKILL'), 2000).unref();
}, 200);
watch.unref();
