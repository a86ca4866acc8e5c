import { BlockList, isIP } from 'node:net';
import { bareHost, isLoopbackHost } from './loopbackHost';

/**
 * Where requests go outside VS Code when they do not go direct: the proxies of HTTPS_PROXY / HTTP_PROXY and the
 * hosts of NO_PROXY. Inside VS Code nothing sets these: the extension host's own proxy support applies.
 */
export interface ProxySettings {
  /** Proxy for https:// targets (`http://[user:password@]host:port` or `https://…`); falls back to `httpProxy`. */
  httpsProxy?: string;
  /** Proxy for http:// targets. */
  httpProxy?: string;
  /** Hosts that go direct: `host`, `.suffix`, `*.suffix`, `host:port`, `10.0.0.0/8`, `*` for all; comma-separated. */
  noProxy?: string;
}

/** A parsed proxy URL. `origin` is safe to show: it never carries the credentials. */
export interface ProxyServer {
  secure: boolean;
  /** Without IPv6 brackets. */
  hostname: string;
  port: number;
  origin: string;
  /** `Basic …` when the URL has user:password. */
  authorization?: string;
}

/** A proxy setting Skynet cannot use. Its message never quotes the URL's credentials. */
export class ProxyConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProxyConfigError';
  }
}

function pick(env: Readonly<Record<string, string | undefined>>, lower: string): string | undefined {
  // Lowercase first, as curl and undici read them.
  return env[lower]?.trim() || env[lower.toUpperCase()]?.trim() || undefined;
}

/** HTTPS_PROXY, HTTP_PROXY and NO_PROXY (or their lowercase forms); undefined when no proxy is set. */
export function proxyFromEnv(env: Readonly<Record<string, string | undefined>>): ProxySettings | undefined {
  const httpsProxy = pick(env, 'https_proxy');
  const httpProxy = pick(env, 'http_proxy');
  if (!httpsProxy && !httpProxy) return undefined;
  return { httpsProxy, httpProxy, noProxy: pick(env, 'no_proxy') };
}

function proxyUrl(raw: string): URL | undefined {
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`); // `host:port` means http://host:port, as in curl
  } catch {
    return undefined;
  }
}

/** Parses a proxy URL; `label` names the setting in errors ("HTTPS proxy"). */
export function parseProxyUrl(raw: string, label: string): ProxyServer {
  const url = proxyUrl(raw);
  if (!url || !url.hostname)
    throw new ProxyConfigError(`The ${label} setting is not a URL: expected http://[user:password@]host:port`);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ProxyConfigError(
      `The ${label} ${url.protocol}//${url.host} is not supported: Skynet talks to http:// and https:// proxies (not SOCKS)`,
    );
  }
  const secure = url.protocol === 'https:';
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  return {
    secure,
    hostname: url.hostname.replace(/^\[|\]$/g, ''),
    port: Number(url.port) || (secure ? 443 : 80),
    origin: `${url.protocol}//${url.host}`,
    authorization: user || password ? `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` : undefined,
  };
}

/** The credentials in the proxy URLs, as typed, decoded, and as sent: for the redactor. */
export function proxySecrets(settings: ProxySettings | undefined): string[] {
  const secrets: string[] = [];
  for (const raw of [settings?.httpsProxy, settings?.httpProxy]) {
    const url = raw ? proxyUrl(raw) : undefined;
    if (!url?.password) continue;
    const password = decodeURIComponent(url.password);
    secrets.push(
      url.password,
      password,
      Buffer.from(`${decodeURIComponent(url.username)}:${password}`).toString('base64'),
    );
  }
  return secrets;
}

interface NoProxyEntry {
  host: string;
  port?: number;
}

/** NO_PROXY, read the way curl ≥ 7.86 and undici read it: `example.com` covers its subdomains too. */
export class NoProxy {
  private readonly all: boolean;
  private readonly entries: NoProxyEntry[] = [];
  private readonly ranges = new BlockList();

  constructor(list = '') {
    const items = list
      .split(/[\s,]+/)
      .map((item) => item.trim().toLowerCase())
      .filter(Boolean);
    this.all = items.includes('*');
    for (const item of items) {
      const cidr = /^([^/]+)\/(\d{1,3})$/.exec(item);
      const family = cidr ? isIP(cidr[1]) : 0;
      if (cidr && family) {
        this.ranges.addSubnet(cidr[1], Number(cidr[2]), family === 6 ? 'ipv6' : 'ipv4');
        continue;
      }
      const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(item);
      const hostPort = /^([^:]+):(\d+)$/.exec(item);
      const [host, port] = bracketed
        ? [bracketed[1], bracketed[2]]
        : hostPort
          ? [hostPort[1], hostPort[2]]
          : [item, undefined];
      const name = host.replace(/^\*/, '').replace(/^\./, '');
      if (name) this.entries.push({ host: bareHost(name), port: port ? Number(port) : undefined });
    }
  }

  /** Whether `url` goes direct. */
  bypasses(url: URL): boolean {
    const host = bareHost(url.hostname);
    if (isLoopbackHost(host) || this.all) return true;
    const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
    const family = isIP(host);
    if (family && this.ranges.check(host, family === 6 ? 'ipv6' : 'ipv4')) return true;
    return this.entries.some(
      (entry) =>
        (entry.port === undefined || entry.port === port) &&
        (host === entry.host || (!family && host.endsWith(`.${entry.host}`))),
    );
  }
}
