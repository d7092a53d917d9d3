// node:fs/promises as Yeoman's commit sees it in the bulwark bundle (see README.md here): the
// same calls, made synchronously. A new project is ~100 small files committed one after another,
// each with a stat of its folder, a write and a stat of the file; sent to libuv's thread pool one
// at a time, their round trips take longer than the writing itself, and much longer on a busy
// machine. The effect on disk is the same.
import fs from 'node:fs';
import fsPromises from 'node:fs/promises';

const sync =
  (call) =>
  async (...args) =>
    call(...args);

export const stat = sync(fs.statSync);
export const lstat = sync(fs.lstatSync);
export const readFile = sync(fs.readFileSync);
export const mkdir = sync(fs.mkdirSync);
export const writeFile = sync(fs.writeFileSync);
export const chmod = sync(fs.chmodSync);
export const rm = sync(fs.rmSync);
export default { ...fsPromises, stat, lstat, readFile, mkdir, writeFile, chmod, rm };
