/** Runs a command in the project; `quiet` hides its output (probes), otherwise the user sees it. */
export type Spawn = (command: string, args: string[], quiet?: boolean) => Promise<unknown>;

interface Logger {
  info(message: string): void;
}

const succeeds = async (spawn: Spawn, command: string, args: string[]): Promise<boolean> => {
  try {
    await spawn(command, args, true);
    return true;
  } catch {
    return false;
  }
};

/** The command that runs uv: `uv` on the PATH, else `python3 -m uv`, installing uv with pip when neither works. */
export async function findUv(spawn: Spawn, log: Logger): Promise<string[]> {
  if (await succeeds(spawn, 'uv', ['--version'])) return ['uv'];
  if (await succeeds(spawn, 'python3', ['-m', 'uv', '--version'])) return ['python3', '-m', 'uv'];
  log.info('uv is not installed; installing it with pip.');
  await spawn('python3', ['-m', 'pip', 'install', '--quiet', 'uv']);
  return ['python3', '-m', 'uv'];
}

/** Locks the new project's dependencies and creates its virtual environment. */
export async function runPythonInstall(spawn: Spawn, log: Logger): Promise<void> {
  const [command, ...prefix] = await findUv(spawn, log);
  await spawn(command as string, [...prefix, 'lock']);
  await spawn(command as string, [...prefix, 'sync']);
}
