import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

// The same code runs from the TypeScript sources (tests) and from dist/ (the shipped build),
// which sit at different depths below the package root.
const here = import.meta.dirname;
const isDistFolder = basename(dirname(here)) === 'dist';

export const packageRoot = isDistFolder ? dirname(dirname(here)) : dirname(here);
export const templatesRoot = join(packageRoot, 'templates');

export const generatorPath = (name: string): string =>
  isDistFolder ? join(packageRoot, 'dist', 'generators', name, 'index.js') : join(packageRoot, 'generators', name, 'index.ts');

export const packageVersion = (): string =>
  (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
