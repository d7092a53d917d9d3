import { existsSync, readdirSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { Framework } from './choices.js';

/** A template file and the path it is written to in the generated project. */
export interface TemplateFile {
  /** Relative to the templates root. */
  source: string;
  destination: string;
  render: boolean;
}

/**
 * Where a template lands: its path under its folder, with `_pkg_` as the package folder, a
 * `dot_` prefix for dotfiles (npm drops some dotfiles from packages) and `.ejs` stripped.
 */
export function destinationOf(relativePath: string, packageName: string): string {
  return relativePath
    .split(/[\\/]/)
    .map((segment) => (segment === '_pkg_' ? packageName : segment.replace(/^dot_/, '.')))
    .join('/')
    .replace(/\.ejs$/, '');
}

/** Template folders of a unit (`base` or `features/<id>`): the shared one first, then the framework's. */
export const templateFolders = (unit: string, framework: Framework): string[] => [join('common', unit), join(framework, unit)];

/** Every template file in the given folders under `root`, in a stable order. */
export function listTemplates(root: string, folders: readonly string[], packageName: string): TemplateFile[] {
  const files: TemplateFile[] = [];
  for (const folder of folders) {
    const absolute = join(root, folder);
    if (!existsSync(absolute)) continue;
    const entries = readdirSync(absolute, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name).slice(absolute.length + 1))
      .sort();
    for (const relativePath of entries) {
      files.push({
        source: join(folder, relativePath),
        destination: destinationOf(relativePath.split(sep).join('/'), packageName),
        render: relativePath.endsWith('.ejs'),
      });
    }
  }
  return files;
}
