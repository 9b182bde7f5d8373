// unix-dgram ships no types; the daemon uses one function of it (see src/daemon/sd-notify.ts).
declare module 'unix-dgram' {
  export function createSocket(type: 'unix_dgram'): unknown;
}
