/** Where secrets live: SecretStorage in VS Code, the environment in the CLI, memory in tests. */
export interface CredentialStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Every secret's storage key, named in one place. */
export const secretKeys = {
  /**
   * A slot's stored key: the first at `skynet.apiKey.<slot>`, the n-th (1-based, n ≥ 2) at `…#n`; a workspace's
   * own keys at `…@<workspace identity>` (`workspaceKeyScope`). Slot ids never hold `#` or `@`.
   */
  apiKey: (slotId: string, position = 0, workspace?: string): string =>
    `skynet.apiKey.${slotId}${workspace ? `@${workspace}` : ''}${position > 0 ? `#${position + 1}` : ''}`,
  githubToken: (slotId: string): string => `skynet.githubToken.${slotId}`,
  /** Origins a secret may be sent to (JSON array), see issue 7. */
  allowedOrigins: (secretKey: string): string => `${secretKey}.origins`,
} as const;

/** The environment variable the CLI reads for a slot's key: `groq` → `GROQ_API_KEY`; its 2nd key `GROQ_API_KEY_2`. */
export function envVarForSlot(slotId: string, position = 0): string {
  return `${slotId.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_API_KEY${position > 0 ? `_${position + 1}` : ''}`;
}

export class MemoryCredentialStore implements CredentialStore {
  private readonly values = new Map<string, string>();

  constructor(initial: Record<string, string> = {}) {
    for (const [key, value] of Object.entries(initial)) this.values.set(key, value);
  }

  async get(key: string): Promise<string | undefined> {
    return this.values.get(key);
  }

  async set(key: string, value: string): Promise<void> {
    this.values.set(key, value);
  }

  async delete(key: string): Promise<void> {
    this.values.delete(key);
  }
}

/**
 * The CLI's store: API keys from `<SLOT>_API_KEY`; other secrets are not persisted
 * (sign-ins write their own credential files).
 */
export class EnvCredentialStore implements CredentialStore {
  private readonly overrides = new Map<string, string>();

  constructor(private readonly env: Readonly<Record<string, string | undefined>>) {}

  async get(key: string): Promise<string | undefined> {
    if (this.overrides.has(key)) return this.overrides.get(key);
    // The environment holds the user's keys for every project alike: a workspace key (`@…`) is never read from it.
    const match = /^skynet\.apiKey\.([^#@]+)(?:#(\d+))?$/.exec(key);
    return match ? this.env[envVarForSlot(match[1], match[2] ? Number(match[2]) - 1 : 0)] || undefined : undefined;
  }

  async set(key: string, value: string): Promise<void> {
    this.overrides.set(key, value);
  }

  async delete(key: string): Promise<void> {
    this.overrides.delete(key);
  }
}
