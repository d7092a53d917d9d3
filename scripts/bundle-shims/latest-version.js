// Stand-in for latest-version in the bulwark bundle (see README.md here).
export default async function latestVersion(name) {
  throw new Error(`bulwark's bundle cannot look up the latest version of ${name} (latest-version is not in it); give the version`);
}
