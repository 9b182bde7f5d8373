import fs from 'node:fs';

/** Error codes in the words a config problem is told in. */
const WORDS: Record<string, string> = {
  ENOENT: 'no such file',
  ENOTDIR: 'no such file',
  EACCES: 'not readable (permission denied)',
  EPERM: 'not readable (permission denied)',
  ELOOP: 'a loop of symbolic links',
};

/**
 * Why a file named in the config or on the command line cannot be read, in words; null when it
 * can. Checked when the config is loaded, so a missing PEM file is named with its key before
 * anything starts, not met as a bare ENOENT when the broker is first dialled. Not opened: a FIFO
 * named by mistake would block the open.
 */
export function unreadableFile(file: string): string | null {
  try {
    if (!fs.statSync(file).isFile()) return 'not a file';
    fs.accessSync(file, fs.constants.R_OK);
    return null;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return (code && WORDS[code]) ?? code ?? (err as Error).message;
  }
}

/** Of the files given by name (a config key, an option), those that cannot be read: `<name>: <path>: <why>` each. */
export function unreadableFiles(files: Record<string, string | null | undefined>): string[] {
  return Object.entries(files).flatMap(([name, file]) => {
    const why = file === null || file === undefined ? null : unreadableFile(file);
    return why === null ? [] : [`${name}: ${file}: ${why}`];
  });
}
