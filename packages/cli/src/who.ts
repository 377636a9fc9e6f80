import { hostname, userInfo } from 'node:os';

/** Who runs this command, as overrides record it: `user@host` (the user from the OS, else $USER, else `unknown`). */
export function whoAmI(env: Readonly<Record<string, string | undefined>>): string {
  let user: string | undefined;
  try {
    user = userInfo().username;
  } catch {
    user = undefined; // no passwd entry (some containers)
  }
  return `${user || env['USER'] || env['LOGNAME'] || 'unknown'}@${hostname()}`;
}
