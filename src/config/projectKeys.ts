import * as path from 'node:path';
import { DiagnosticSink, describeType, expandHome, isTable, keyName, readKeyOrKeys } from './readFields';
import type { ApiKeySource } from './types';

/**
 * `[projects."<directory>"]` in the user's own `~/.skynet/skynet.toml` (the CLI's per-project keys, issue 17):
 * for a project in or under `directory`, the slots named in the table take these keys instead of `<SLOT>_API_KEY`.
 *
 * ```toml
 * [projects."~/clients/acme"]
 * groq = ["${env:ACME_GROQ_A}", "${env:ACME_GROQ_B}"]
 * anthropic = "${env:ACME_ANTHROPIC_KEY}"
 * ```
 * Keys must be `${env:NAME}` references: they are the user's and stay bound to the provider's own address like
 * any `${env:…}` key, whatever address the project's file chose. Read only from the user's own file.
 */
export interface ProjectKeys {
  /** Absolute, `~` expanded, without a trailing separator. */
  directory: string;
  /** Slot id → its keys, in order. */
  slots: ReadonlyMap<string, readonly ApiKeySource[]>;
}

export function readProjectKeys(value: unknown, sink: DiagnosticSink, homeDir: string): ProjectKeys[] {
  if (value === undefined) return [];
  if (!isTable(value)) {
    sink.error(
      ['projects'],
      `\`projects\` must be a table of project directories ([projects."~/clients/acme"]), not ${describeType(value)}`,
    );
    return [];
  }
  const projects: ProjectKeys[] = [];
  for (const [directory, table] of Object.entries(value)) {
    const where = ['projects', directory];
    const expanded = expandHome(directory, homeDir);
    if (!path.isAbsolute(expanded)) {
      sink.error(where, `${keyName(where)}: a project is named by its absolute directory (or ~/…), not "${directory}"`);
      continue;
    }
    if (!isTable(table)) {
      sink.error(
        where,
        `${keyName(where)} must be a table of slot ids and their keys, e.g. groq = ["\${env:ACME_GROQ_KEY}"], not ${describeType(table)}`,
      );
      continue;
    }
    const slots = new Map<string, readonly ApiKeySource[]>();
    for (const [slotId, keys] of Object.entries(table)) {
      const keyPath = [...where, slotId];
      const read = readKeyOrKeys(keys, keyPath, sink);
      if (!read) continue;
      if (read.some((key) => key.type !== 'env')) {
        sink.error(
          keyPath,
          `${keyName(keyPath)}: write each key as "\${env:NAME}" (a key written here would follow the project's base_url unbound); keep the value in the environment`,
        );
        continue;
      }
      slots.set(slotId, read);
    }
    projects.push({ directory: path.resolve(expanded), slots });
  }
  return projects;
}

/** The table of the project `directory` is in: the deepest one that contains it, or none. */
export function projectKeysFor(projects: readonly ProjectKeys[], directory: string): ProjectKeys | undefined {
  const target = path.resolve(directory);
  const inside = (parent: string) =>
    target === parent || target.startsWith(parent.endsWith(path.sep) ? parent : parent + path.sep);
  return projects
    .filter((project) => inside(project.directory))
    .sort((a, b) => b.directory.length - a.directory.length)[0];
}
