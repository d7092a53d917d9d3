import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ejs from 'ejs';
import type { ProjectWriter } from '../../lib/apply.js';
import { finishRendered } from '../../lib/markdown.js';
import { templatesRoot } from '../../lib/paths.js';

// Templates compiled and files read once per test process, whatever the number of projects.
const compiled = new Map<string, ejs.TemplateFunction>();
const copied = new Map<string, string>();

/**
 * A ProjectWriter over a Map of project paths to texts, for rendering projects in memory through
 * applyFeature: it renders as the generators' writer does (EJS with the template's filename, so
 * includes resolve; Markdown finished by lib/markdown.ts).
 */
export function memoryWriter(files = new Map<string, string>()): ProjectWriter & { files: Map<string, string> } {
  return {
    files,
    renderTemplate(source, destination, data) {
      let template = compiled.get(source);
      if (template === undefined) {
        template = ejs.compile(readFileSync(join(templatesRoot, source), 'utf8'), { filename: join(templatesRoot, source) });
        compiled.set(source, template);
      }
      files.set(destination, finishRendered(destination, template(data) as string));
    },
    copyTemplate(source, destination) {
      if (!copied.has(source)) copied.set(source, readFileSync(join(templatesRoot, source), 'utf8'));
      files.set(destination, copied.get(source)!);
    },
    readDestination: (path) => files.get(path),
    writeDestination: (path, content) => void files.set(path, content),
  };
}
