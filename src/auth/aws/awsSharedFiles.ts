import * as path from 'node:path';
import { expandHome, readOptionalFile } from '../secretFile';

/** One INI file as `section → key → value`; keys lower-cased, comments (`#`, `;`) and blank lines skipped. */
export type IniSections = Record<string, Record<string, string>>;

export function parseIni(text: string): IniSections {
  const sections: IniSections = {};
  let current: Record<string, string> | undefined;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      const name = header[1].trim().replace(/\s+/g, ' ');
      current = sections[name] ??= {};
      continue;
    }
    const equals = line.indexOf('=');
    if (!current || equals < 0) continue;
    const key = line.slice(0, equals).trim().toLowerCase();
    // Nested sub-sections (`s3 =` followed by indented lines) are not needed here; their lines keep their key.
    current[key] = line.slice(equals + 1).trim();
  }
  return sections;
}

export interface AwsSharedFilePaths {
  credentials: string;
  config: string;
}

/** `AWS_SHARED_CREDENTIALS_FILE` / `AWS_CONFIG_FILE`, else `~/.aws/credentials` and `~/.aws/config`. */
export function awsSharedFilePaths(
  env: Readonly<Record<string, string | undefined>>,
  homeDir: string,
): AwsSharedFilePaths {
  return {
    credentials: expandHome(env.AWS_SHARED_CREDENTIALS_FILE || path.join(homeDir, '.aws', 'credentials'), homeDir),
    config: expandHome(env.AWS_CONFIG_FILE || path.join(homeDir, '.aws', 'config'), homeDir),
  };
}

/** Reads an INI file; a missing file is `undefined`, any other read failure is thrown. */
export async function readIniFile(file: string): Promise<IniSections | undefined> {
  const text = await readOptionalFile(file);
  return text === undefined ? undefined : parseIni(text);
}

/** The profile's section: `[name]` in the credentials file; `[profile name]` (or `[default]`) in the config file. */
export function credentialsSection(
  sections: IniSections | undefined,
  profile: string,
): Record<string, string> | undefined {
  return sections?.[profile];
}

export function configSection(sections: IniSections | undefined, profile: string): Record<string, string> | undefined {
  if (!sections) return undefined;
  return sections[`profile ${profile}`] ?? (profile === 'default' ? sections.default : undefined);
}
