// Stand-in for simple-git in the bulwark bundle (see README.md here).
export const simpleGit = () => {
  throw new Error('simple-git is not in the bulwark bundle: run git with this.spawn, or remove the simple-git stand-in in scripts/build.mjs');
};
export const CheckRepoActions = {};
export const CleanOptions = {};
