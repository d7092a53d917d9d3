import type Generator from 'yeoman-generator';
import type { ProjectWriter } from './apply.js';

/**
 * A ProjectWriter over a generator's in-memory file system. With `editsAreMerges`, a file changed
 * at a needle is committed without the conflicter's question: the change was made on top of the
 * user's current file, so it keeps their edits and adds only the feature's lines.
 */
export function generatorWriter(generator: Generator, { editsAreMerges = false } = {}): ProjectWriter {
  return {
    renderTemplate: (source, destination, data) => generator.renderTemplate(source, destination, data),
    copyTemplate: (source, destination) => generator.copyTemplate(source, destination),
    readDestination: (path) => (generator.existsDestination(path) ? generator.readDestination(path).toString() : undefined),
    writeDestination(path, content) {
      generator.writeDestination(path, content);
      if (editsAreMerges) {
        const file = generator.fs.store.get(generator.destinationPath(path)) as { conflicter?: string };
        file.conflicter = 'force';
      }
    },
  };
}
