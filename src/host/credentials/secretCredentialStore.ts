import type * as vscode from 'vscode';
import type { CredentialStore } from '../../auth/credentialStore';
import type { Redactor } from '../../util/redact';

/**
 * The credential store inside VS Code: SecretStorage, shared by every window of the profile.
 * Every value read or written is taught to the redactor, so the log can never show it.
 */
export class SecretCredentialStore implements CredentialStore {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly redactor: Redactor,
  ) {}

  async get(key: string): Promise<string | undefined> {
    const value = await this.secrets.get(key);
    this.redactor.add(value);
    return value || undefined;
  }

  async set(key: string, value: string): Promise<void> {
    this.redactor.add(value);
    await this.secrets.store(key, value);
  }

  async delete(key: string): Promise<void> {
    await this.secrets.delete(key);
  }

  /** Teaches the redactor a secret that lives elsewhere (a plaintext key in skynet.toml). */
  learn(value: string | undefined): void {
    this.redactor.add(value);
  }

  /** A secret changed, here or in another window. */
  onDidChange(listener: (key: string) => void): vscode.Disposable {
    return this.secrets.onDidChange((event) => listener(event.key));
  }
}
