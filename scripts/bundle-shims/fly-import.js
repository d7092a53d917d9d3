// Stand-in for fly-import in the bulwark bundle (see README.md here).
const refuse = () => {
  throw new Error('bulwark does not install Yeoman generators (fly-import is not in its bundle); use yo for that');
};
export class FlyRepository {
  constructor(options = {}) {
    this.repositoryPath = options.repositoryPath;
  }
  install() {
    refuse();
  }
  verifyInstalledVersion() {
    refuse();
  }
  resolvePackagePath() {
    refuse();
  }
}
export const flyImport = async () => refuse();
