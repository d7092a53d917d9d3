import { FEATURES } from './features/index.js';
import { readStoredAnswers } from './spec.js';

/** The table `bulwark list` prints: every feature, its frameworks, and whether the project in `dir` has it. */
export function featureCatalogue(dir: string): string {
  const stored = readStoredAnswers(dir);
  const inProject = stored.framework !== undefined;
  const rows = FEATURES.map((feature) => [
    feature.id,
    feature.frameworks.join(', '),
    feature.default ? 'yes' : 'no',
    inProject ? (stored.features?.includes(feature.id) ? 'yes' : 'no') : '-',
    feature.description,
  ]);
  const header = ['feature', 'frameworks', 'default', inProject ? `in ${stored.name ?? 'project'}` : 'in project', 'what it adds'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  const note = inProject ? '' : '\n(not in a Bulwark project: run it in one to see which features it has)';
  return [line(header), ...rows.map(line)].join('\n') + note;
}
