import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';

// The same code runs from the TypeScript sources (tests: lib/), from the TypeScript build
// (dist/lib/) and from the bin's bundles (dist/cli/), at different depths below the package root:
// the root is the nearest folder above with a package.json.
const here = import.meta.dirname;

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`No package.json above ${start}`);
  }
}

export const packageRoot = findPackageRoot(here);
export const templatesRoot = join(packageRoot, 'templates');
const isBuilt = here.startsWith(join(packageRoot, 'dist') + sep);

export const generatorPath = (name: string): string =>
  isBuilt ? join(packageRoot, 'dist', 'generators', name, 'index.js') : join(packageRoot, 'generators', name, 'index.ts');

export const packageVersion = (): string =>
  (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
