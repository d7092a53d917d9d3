import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type Generator from 'yeoman-generator';
import type { ProjectWriter } from './apply.js';
import { finishRendered } from './markdown.js';

/**
 * A ProjectWriter over a generator's in-memory file system. With `editsAreMerges`, a file changed
 * at a needle is committed without the conflicter's question: the change was made on top of the
 * user's current file, so it keeps their edits and adds only the feature's lines.
 */
export function generatorWriter(generator: Generator, { editsAreMerges = false } = {}): ProjectWriter {
  return {
    renderTemplate(source, destination, data) {
      generator.renderTemplate(source, destination, data);
      // Markdown tables are padded after rendering (lib/markdown.ts); the file is still new to
      // the commit, so the conflicter sees the finished text.
      if (!destination.endsWith('.md') || !generator.existsDestination(destination)) return;
      const rendered = generator.readDestination(destination).toString();
      const finished = finishRendered(destination, rendered);
      if (finished !== rendered) generator.writeDestination(destination, finished);
    },
    copyTemplate: (source, destination) => generator.copyTemplate(source, destination),
    readDestination: (path) => (generator.existsDestination(path) ? generator.readDestination(path).toString() : undefined),
    listDestination(folder) {
      const absolute = generator.destinationPath(folder);
      const names = new Set(existsSync(absolute) ? readdirSync(absolute, { withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => entry.name) : []);
      generator.fs.store.each((file) => {
        if (dirname(file.path) === absolute) names.add(basename(file.path));
      });
      // Pending deletions are in the store too.
      return [...names].filter((name) => generator.existsDestination(join(folder, name))).sort();
    },
    writeDestination(path, content) {
      generator.writeDestination(path, content);
      if (editsAreMerges) {
        const file = generator.fs.store.get(generator.destinationPath(path)) as { conflicter?: string };
        file.conflicter = 'force';
      }
    },
  };
}
