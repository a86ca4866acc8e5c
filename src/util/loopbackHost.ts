import { isIP } from 'node:net';

/** A URL's host as compared: lower case, no IPv6 brackets, no trailing dot. */
export function bareHost(hostname: string): string {
  return hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
}

/** localhost, *.localhost, 127.0.0.0/8 and ::1: this machine (a bare host, see `bareHost`). */
export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}
