import { existsSync, readdirSync, rmdirSync } from 'node:fs';

// Yeoman creates the destination folder as soon as it is set, before anything is written.
// A run that fails before the commit must not leave that empty folder behind.
const created = new Set<string>();

export const rememberCreatedFolder = (folder: string): void => {
  created.add(folder);
};

/** Removes the folders this run created that are still empty. */
export function removeEmptyCreatedFolders(): void {
  for (const folder of created) {
    if (existsSync(folder) && readdirSync(folder).length === 0) rmdirSync(folder);
    created.delete(folder);
  }
}
