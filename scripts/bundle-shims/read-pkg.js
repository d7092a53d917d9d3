// Stand-in for read-pkg in the bulwark bundle (see README.md here): read-package-up calls it
// for yeoman-generator with normalize: false, which only reads and parses package.json.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const packagePath = (cwd) => resolve((cwd instanceof URL ? fileURLToPath(cwd) : cwd) ?? '.', 'package.json');
const parse = (text, normalize) => {
  if (normalize) throw new Error('read-pkg in the bulwark bundle only reads package.json as it is (normalize: false)');
  return JSON.parse(text);
};

export const readPackageSync = ({ cwd, normalize = true } = {}) => parse(readFileSync(packagePath(cwd), 'utf8'), normalize);
export const readPackage = async ({ cwd, normalize = true } = {}) => parse(await readFile(packagePath(cwd), 'utf8'), normalize);
export const parsePackage = (packageFile, { normalize = true } = {}) =>
  typeof packageFile === 'string' ? parse(packageFile, normalize) : parse(JSON.stringify(packageFile), normalize);
