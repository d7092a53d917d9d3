import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { packageRoot } from './paths.js';
import { formatWithPrettier, PRETTIER_FILES } from './prettier-format.js';

export { formatWithPrettier, PRETTIER_FILES };

interface VinylLike {
  path: string;
  contents: Buffer | null;
  state?: string;
}

/** The part of Yeoman's in-memory file system (mem-fs) the transform watches. */
export interface FileStore {
  on(event: 'change', listener: (path: string) => void): unknown;
  off(event: 'change', listener: (path: string) => void): unknown;
  get(path: string): VinylLike;
  each(callback: (file: VinylLike) => void): unknown;
}

/*
 * Prettier in a worker thread. Loading prettier and its language plugins, and the first format of
 * each language (cold code), take about as long as the rest of a `bulwark new`. The bin starts the
 * worker first thing (cli/bulwark.ts), so that this happens on the other core while the main
 * thread loads the CLI and renders the templates; each JSON, YAML or Markdown file is sent to it
 * as soon as the generator writes it to the in-memory file system, and the transform only waits
 * for the result for the file's final text (a result is used only for the exact text it was
 * computed from; the worker drops a text when a newer one of the same file arrives).
 *
 * The worker exists where the build does, not when running the TypeScript sources (tests);
 * BULWARK_PRETTIER=inline turns it off. Without it prettier runs in the process, on the final
 * texts only. The shipped build runs it from one CommonJS bundle of the worker and prettier
 * (dist/lib/prettier-worker.cjs), through lib/prettier-worker-cached.ts, which keeps V8's
 * compiled code of it between runs; the plain build (scripts/build.mjs --plain) runs
 * dist/lib/prettier-worker.js, loading prettier from node_modules.
 */
type Reply = { id: number; text?: string; superseded?: boolean; error?: { message: string; stack?: string } };

interface PrettierWorker {
  worker: Worker;
  /** Set when the worker died (it failed to start, say): formatting goes on in the process. */
  dead: boolean;
  replies: Map<number, (reply: Reply) => void>;
  /** The latest text sent for each path and its result (undefined when it was superseded). */
  sent: Map<string, { text: string; result: Promise<Reply> }>;
  next: number;
  waiting: number;
}

// The bin's entry and the CLI bundle each hold their own copy of this module: the worker is kept
// where both find it.
const SLOT = Symbol.for('bulwark.prettierWorker');
const slot = globalThis as { [SLOT]?: PrettierWorker | null };

const workerFile = (): string | undefined => {
  if (process.env.BULWARK_PRETTIER === 'inline') return undefined;
  const lib = join(packageRoot, 'dist', 'lib');
  if (existsSync(join(lib, 'prettier-worker.cjs'))) return join(lib, 'prettier-worker-cached.js');
  const plain = join(lib, 'prettier-worker.js');
  return existsSync(plain) ? plain : undefined;
};

/** Starts the prettier worker if it is not running yet and the build has one. */
export function startPrettierWorker(): void {
  slot[SLOT] ??= spawnWorker();
}

const running = (): PrettierWorker | undefined => slot[SLOT] ?? undefined;

function spawnWorker(): PrettierWorker | null {
  const file = workerFile();
  if (file === undefined) return null;
  const worker = new Worker(file);
  const state: PrettierWorker = { worker, dead: false, replies: new Map(), sent: new Map(), next: 0, waiting: 0 };
  worker.on('message', (reply: Reply) => {
    state.replies.get(reply.id)?.(reply);
    state.replies.delete(reply.id);
  });
  // A worker that dies leaves its files to the process; errors from prettier itself come as replies.
  const die = (): void => {
    state.dead = true;
    for (const [id, deliver] of state.replies) deliver({ id, superseded: true });
    state.replies.clear();
    state.sent.clear();
  };
  worker.on('error', die);
  worker.on('exit', die);
  // The worker never keeps the process alive by itself, only while the transform waits for it.
  // (After the listeners: adding one refs the worker's port again.)
  worker.unref();
  return state;
}

/** Sends `text` of `path` to the worker, unless that very text was sent already. */
function send(state: PrettierWorker, path: string, text: string): Promise<Reply> {
  if (state.dead) return Promise.resolve({ id: -1, superseded: true });
  const known = state.sent.get(path);
  if (known?.text === text) return known.result;
  const id = state.next++;
  const result = new Promise<Reply>((resolve) => state.replies.set(id, resolve));
  state.sent.set(path, { text, result });
  state.worker.postMessage({ id, path, text });
  return result;
}

async function format(path: string, text: string): Promise<string> {
  const state = running();
  if (state === undefined || state.dead) return formatWithPrettier(path, text);
  state.waiting++;
  state.worker.ref();
  try {
    for (;;) {
      if (state.dead) return await formatWithPrettier(path, text);
      const reply = await send(state, path, text);
      if (reply.error !== undefined) throw Object.assign(new Error(reply.error.message), { stack: reply.error.stack });
      if (!reply.superseded) return reply.text as string;
      // A newer text of the file was sent after this one (or the worker died); ask again for this one.
      if (state.sent.get(path)?.text === text) state.sent.delete(path);
    }
  } finally {
    if (--state.waiting === 0) state.worker.unref();
  }
}

const isPrettierFile = (file: VinylLike): boolean => file.contents !== null && file.state === 'modified' && PRETTIER_FILES.test(file.path);

/**
 * An object-mode transform for Yeoman's commit pipeline that formats JSON, YAML and Markdown
 * with prettier, in the worker when the bin started one. Given the generator's file store, it
 * sends each such file to the worker as soon as it is written (see above).
 */
export function prettierTransform(store?: FileStore): Transform {
  const state = running();
  let stopWatching = (): void => undefined;
  if (state !== undefined && store !== undefined) {
    const onChange = (path: string): void => {
      const file = store.get(path);
      if (isPrettierFile(file)) void send(state, file.path, (file.contents as Buffer).toString('utf8'));
    };
    store.each((file) => {
      if (isPrettierFile(file)) onChange(file.path);
    });
    store.on('change', onChange);
    stopWatching = () => store.off('change', onChange);
  }
  return new Transform({
    objectMode: true,
    async transform(file: VinylLike, _encoding, callback) {
      // From here on files change only by being formatted.
      stopWatching();
      try {
        if (file.contents !== null && PRETTIER_FILES.test(file.path)) {
          file.contents = Buffer.from(await format(file.path, file.contents.toString('utf8')));
        }
        callback(null, file);
      } catch (error) {
        callback(error as Error);
      }
    },
  });
}
