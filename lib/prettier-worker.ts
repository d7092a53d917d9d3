import module from 'node:module';
import { parentPort, receiveMessageOnPort } from 'node:worker_threads';
import { formatWithPrettier } from './prettier-transform.js';

/**
 * The prettier worker (see lib/prettier-transform.ts). It formats the texts the main thread
 * sends, one at a time, the latest of each file only: an older text still waiting when a newer
 * one of the same file arrives is answered `superseded` without being formatted. While nothing
 * waits, it loads prettier and formats a line of each language it will be asked for, so that the
 * plugins are loaded and their code is warm when the files come.
 */
const port = parentPort;
if (port === null) throw new Error('lib/prettier-worker.js runs as a worker thread');

interface Request {
  id: number;
  path: string;
  text: string;
}

const waiting = new Map<string, Request>();
let busy = false;

function enqueue(request: Request): void {
  const older = waiting.get(request.path);
  if (older !== undefined) port!.postMessage({ id: older.id, superseded: true });
  waiting.delete(request.path);
  waiting.set(request.path, request);
}

/** Takes in every message already sent, so that superseded texts are dropped before formatting. */
function drain(): void {
  for (let received = receiveMessageOnPort(port!); received !== undefined; received = receiveMessageOnPort(port!)) {
    enqueue(received.message as Request);
  }
}

async function work(): Promise<void> {
  if (busy) return;
  busy = true;
  try {
    for (drain(); waiting.size > 0; drain()) {
      const [path, request] = waiting.entries().next().value as [string, Request];
      waiting.delete(path);
      try {
        port!.postMessage({ id: request.id, text: await formatWithPrettier(request.path, request.text) });
      } catch (error) {
        port!.postMessage({ id: request.id, error: { message: (error as Error).message, stack: (error as Error).stack } });
      }
    }
  } finally {
    busy = false;
  }
}

port.on('message', (request: Request) => {
  enqueue(request);
  void work();
});

// Like the bin (cli/bulwark.ts): Node 22.1+ caches the compiled code of prettier and its plugins.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
const prettier = await import('prettier');
await prettier.resolveConfig(`${process.cwd()}/bulwark-warm-up.md`);
for (const [parser, sample] of [
  ['markdown', '# Title\n\nSome *text* and a [link](https://example.com).\n\n- item\n- `code`\n\n```sh\nmake test\n```\n'],
  ['yaml', 'key:\n  - value\n  - { a: 1 }\nother: "text"\n'],
  ['json', '{"key": ["value", 1, true]}\n'],
] as const) {
  if (busy || waiting.size > 0) break;
  await prettier.format(sample, { parser });
}
