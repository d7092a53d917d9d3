import { parentPort, receiveMessageOnPort } from 'node:worker_threads';
import { formatWithPrettier } from './prettier-format.js';

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
        port!.postMessage({ id: request.id, text: await formatAndNote(request.path, request.text) });
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

/** The languages formatted so far; warmedUp settles once each has been. */
const LANGUAGES = ['md', 'yaml', 'json'] as const;
const formatted = new Set<string>();
let settle: () => void;
/**
 * Settles once prettier has formatted one text of each language (a file or a warm-up sample),
 * so that lib/prettier-worker-cached.ts can keep the code compiled by then.
 */
export const warmedUp = new Promise<void>((resolve) => (settle = resolve));

async function formatAndNote(path: string, text: string): Promise<string> {
  const result = await formatWithPrettier(path, text);
  formatted.add(LANGUAGES.find((language) => path.endsWith(`.${language}`)) ?? (path.endsWith('.yml') ? 'yaml' : 'other'));
  if (LANGUAGES.every((language) => formatted.has(language))) settle();
  return result;
}

// While no file waits, load prettier and format a sample of each language not seen yet, so that
// its code is loaded and warm when the files come.
const SAMPLES = {
  md: '# Title\n\nSome *text* and a [link](https://example.com).\n\n- item\n- `code`\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n```sh\nmake test\n```\n',
  yaml: 'key:\n  - value\n  - { a: 1 }\nother: "text"\n',
  json: '{"key": ["value", 1, true]}\n',
};
void (async () => {
  for (const language of LANGUAGES) {
    if (busy || waiting.size > 0) return;
    if (!formatted.has(language)) await formatAndNote(`${process.cwd()}/bulwark-warm-up.${language}`, SAMPLES[language]);
  }
})();
