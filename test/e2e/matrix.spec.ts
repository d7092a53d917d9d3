/**
 * Every combination of the built choices and features renders Python that compiles and passes
 * ruff (lint and format) under the project's own configuration. Installing and testing each
 * combination is left to the pairwise subset (pairwise.spec.ts).
 *
 * The full product is thousands of projects, most of whose files are the same from one to the
 * next. Each combination is rendered in memory through the same plan and feature code as
 * `bulwark new` (resolvePlan, applyFeature), and each distinct Python file (its path and text,
 * per project name) is compiled and linted once: distinct variants of a path go into
 * "layers", project trees that hold each path at most once, beside the project's pyproject.toml
 * and package, so that ruff sees it where it would be in a generated project.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyFeature, resolvePlan, templateData } from '../../lib/apply.js';
import { type Auth, CHOICE_QUESTIONS } from '../../lib/choices.js';
import { AUTH_UNITS } from '../../lib/features/auth.js';
import { FEATURES } from '../../lib/features/index.js';
import { packageVersion } from '../../lib/paths.js';
import { buildSpec } from '../../lib/spec.js';
import { scratchDir } from '../support/cli.js';
import { CommandError, run } from '../support/processes.js';
import { memoryWriter } from '../support/memory-writer.js';

/**
 * A short name (ruff joins lines that fit in 100 columns), one that sorts after `tests` (isort
 * orders first-party imports by name) and one of the longest allowed (lib/naming.ts).
 */
const PROJECT_NAMES = ['api', 'warehouse-api', 'inventory-and-billing-services'];

type Combination = { framework: string; auth: string; secrets: string; features: string[] };

const available = (key: 'framework' | 'auth' | 'secrets') =>
  CHOICE_QUESTIONS.find((question) => question.key === key)!
    .choices.filter((choice) => choice.unavailable === undefined)
    .map((choice) => choice.value);

function* subsets<T>(items: readonly T[]): Generator<T[]> {
  for (let mask = 0; mask < 1 << items.length; mask += 1) yield items.filter((_, bit) => mask & (1 << bit));
}

function combinations(): Combination[] {
  const all: Combination[] = [];
  for (const framework of available('framework')) {
    // A secret store (vault, aws) is the --secrets answer, not an item of the feature list.
    const features = FEATURES.filter((feature) => feature.secrets === undefined && (feature.frameworks as readonly string[]).includes(framework));
    for (const auth of available('auth').filter((id) => (AUTH_UNITS[id as Auth].frameworks as readonly string[]).includes(framework))) {
      for (const secrets of available('secrets')) {
        for (const chosen of subsets(features)) {
          const ids = new Set(chosen.map((feature) => feature.id));
          const consistent = chosen.every(
            (feature) => (feature.requires ?? []).every((id) => ids.has(id)) && !(feature.conflicts ?? []).some((id) => ids.has(id)),
          );
          if (consistent) all.push({ framework, auth, secrets, features: [...ids] });
        }
      }
    }
  }
  return all;
}

function render(name: string, combination: Combination): Map<string, string> {
  const spec = buildSpec({ name, ...combination });
  const data = templateData(spec, packageVersion());
  const files = new Map<string, string>();
  const writer = memoryWriter(files);
  for (const feature of resolvePlan(spec)) applyFeature(writer, feature, spec, data);
  return files;
}

const isPython = (path: string): boolean => path.endsWith('.py');

/** The files Bulwark writes as prettier formats them (no prettier runs when it generates). */
const PRETTIER_FILES = /\.(json|ya?ml|md)$/;
/** Besides its blocks, every so many combinations' Markdown is checked whole. */
const WHOLE_DOCUMENT_EVERY = 61;

/**
 * Checks that prettier (default options) leaves each distinct JSON, YAML and Markdown text as it
 * is. Markdown varies with every combination (the README lists the features), and prettier formats
 * a README in ~20 ms, so each document is cut into its blocks, and each distinct block checked
 * alone: the blocks apart by blank lines (a fenced code block is one block, whatever it holds), a
 * list's items one by one, and a list whose items are apart by blank lines (a loose one) whole.
 * The document's frame (one blank line between blocks, one newline at the end) is checked
 * directly, and every WHOLE_DOCUMENT_EVERY-th combination's documents are checked whole too.
 */
class PrettierCheck {
  private readonly texts = new Map<string, string>();
  private readonly blocks = new Map<string, string>();
  private readonly frames: string[] = [];

  collect(path: string, text: string, whole: boolean): void {
    const key = (kind: string, body: string) => `${kind}\0${createHash('sha256').update(body).digest('hex')}`;
    if (!path.endsWith('.md') || whole) this.texts.set(key(path, text), `${path}\0${text}`);
    if (!path.endsWith('.md')) return;
    if (!text.endsWith('\n') || text.endsWith('\n\n') || /\n\n\n/.test(text) || /[ \t]\n/.test(text)) this.frames.push(`${path}: blank lines or trailing spaces`);
    for (const block of markdownBlocks(text)) this.blocks.set(key('block', block), block);
  }

  summary(): string {
    return `${this.texts.size} distinct JSON/YAML/Markdown files and ${this.blocks.size} distinct Markdown blocks checked with prettier`;
  }

  /** What prettier would change: `path` (or the block) and the first lines that differ. */
  async check(): Promise<string[]> {
    const { format } = await import('prettier');
    const problems = [...new Set(this.frames)];
    const compare = async (filepath: string, text: string, label: string) => {
      const pretty = await format(text, { filepath });
      if (pretty !== text) problems.push(`${label}:\n--- written\n${text.slice(0, 1500)}\n--- prettier\n${pretty.slice(0, 1500)}`);
    };
    for (const entry of this.texts.values()) {
      const [path, text] = entry.split('\0') as [string, string];
      await compare(path, text, path);
    }
    for (const block of this.blocks.values()) await compare('block.md', block, 'a Markdown block');
    return problems;
  }
}

/** A Markdown document's blocks, each with a final newline (see PrettierCheck). */
function markdownBlocks(text: string): string[] {
  const blocks: string[][] = [];
  let current: string[] = [];
  let fence: string | undefined;
  for (const line of text.split('\n')) {
    const marker = /^(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence !== undefined) {
      current.push(line);
      if (marker !== undefined && line.trim() === marker && marker[0] === fence[0]) fence = undefined;
      continue;
    }
    if (marker !== undefined) fence = marker;
    if (line.trim() === '' && fence === undefined) {
      if (current.length > 0) blocks.push(current);
      current = [];
    } else current.push(line);
  }
  if (current.length > 0) blocks.push(current);
  const isList = (block: string[]) => /^[-*+] /.test(block[0]!);
  const out: string[] = [];
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index]!;
    if (!isList(block)) {
      out.push(`${block.join('\n')}\n`);
      continue;
    }
    // A list that goes on after a blank line is loose: checked whole.
    let end = index;
    while (end + 1 < blocks.length && isList(blocks[end + 1]!)) end++;
    if (end > index) {
      out.push(`${blocks.slice(index, end + 1).map((part) => part.join('\n')).join('\n\n')}\n`);
      index = end;
      continue;
    }
    let item: string[] = [];
    for (const line of block) {
      if (/^[-*+] /.test(line) && item.length > 0) {
        out.push(`${item.join('\n')}\n`);
        item = [];
      }
      item.push(line);
    }
    out.push(`${item.join('\n')}\n`);
  }
  return out;
}

describe('the full option product', () => {
  it('renders Python that compiles and passes ruff check and ruff format, in every combination', async () => {
    const root = scratchDir('bulwark-matrix-');
    const all = combinations();
    /** Per framework, project name and path: each distinct text, and the first combination that rendered it. */
    const variants = new Map<string, Map<string, { text: string; combination: number }>>();
    /** Per framework and project name: a rendered project's pyproject.toml and package, the frame of every layer. */
    const frames = new Map<string, { pyproject: string; packageName: string }>();
    let files = 0;
    const formatted = new PrettierCheck();
    for (const [index, combination] of all.entries()) {
      // Every combination under each name would triple the work for little: the names take turns.
      const name = PROJECT_NAMES[index % PROJECT_NAMES.length]!;
      const project = render(name, combination);
      // Layers are made per framework and name: the ruff configuration is the framework's.
      const group = `${combination.framework}-${name}`;
      const packageName = buildSpec({ name, ...combination }).packageName;
      // The project's ruff configuration is the same in every combination (dependencies differ).
      const ruffConfig = project.get('pyproject.toml')!.slice(project.get('pyproject.toml')!.indexOf('[tool.ruff'));
      const frame = frames.get(group);
      if (frame === undefined) frames.set(group, { pyproject: project.get('pyproject.toml')!, packageName });
      else expect(frame.pyproject.slice(frame.pyproject.indexOf('[tool.ruff')), `ruff configuration of ${JSON.stringify(combination)}`).toBe(ruffConfig);
      for (const [path, text] of project) {
        if (PRETTIER_FILES.test(path)) {
          formatted.collect(path, text, index % WHOLE_DOCUMENT_EVERY === 0);
          continue;
        }
        if (!isPython(path)) continue;
        files++;
        const key = `${group}\0${path}`;
        let texts = variants.get(key);
        if (texts === undefined) variants.set(key, (texts = new Map()));
        const hash = createHash('sha256').update(text).digest('hex');
        if (!texts.has(hash)) texts.set(hash, { text, combination: index });
      }
    }

    // Layer k of a name holds the k-th variant of every path that has one.
    const origin = new Map<string, number>();
    const layers = new Set<string>();
    for (const [key, texts] of variants) {
      const [group, path] = key.split('\0') as [string, string];
      for (const [layer, { text, combination }] of [...texts.values()].entries()) {
        const dir = join(root, group, `layer-${layer}`);
        if (!layers.has(dir)) {
          layers.add(dir);
          const frame = frames.get(group)!;
          mkdirSync(join(dir, frame.packageName), { recursive: true });
          writeFileSync(join(dir, 'pyproject.toml'), frame.pyproject);
          // The package exists in every layer, as in a project, for import sorting.
          writeFileSync(join(dir, frame.packageName, '__init__.py'), '');
        }
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
        origin.set(join(group, `layer-${layer}`, path), combination);
      }
    }
    const distinct = origin.size;
    // isort counts an import as first-party when its module is there: a layer holds only some
    // of a project's files, so an empty folder stands for each module it lacks (ruff and
    // compileall lint and compile no folder).
    const paths = new Map<string, Set<string>>();
    for (const key of variants.keys()) {
      const [group, path] = key.split('\0') as [string, string];
      if (!paths.has(group)) paths.set(group, new Set());
      paths.get(group)!.add(path);
    }
    for (const dir of layers) {
      const group = dirname(dir.slice(root.length + 1));
      for (const path of paths.get(group)!) {
        if (!existsSync(join(dir, path))) mkdirSync(join(dir, path.replace(/(?:\/__init__)?\.py$/, '')), { recursive: true });
      }
    }

    /** Names the combinations behind the files a failed command's output mentions. */
    const explain = (error: unknown): never => {
      const output = error instanceof CommandError ? `${error.stdout}\n${error.stderr}` : String(error);
      const culprits = [...origin.entries()]
        .filter(([path]) => output.includes(path))
        .slice(0, 10)
        .map(([path, index]) => `${path}: first rendered by ${JSON.stringify(all[index])} (name ${PROJECT_NAMES[index % PROJECT_NAMES.length]})`);
      throw new Error(`${output.slice(0, 20_000)}\n\nCombinations:\n${culprits.join('\n')}`);
    };
    const unformatted = await formatted.check();
    expect(unformatted, `files prettier would change (the generated project is written as prettier formats it):\n${unformatted.slice(0, 10).join('\n\n')}`).toEqual([]);
    const layerDirs = [...layers];
    await run('python3', ['-m', 'compileall', '-q', '-j', '0', ...layerDirs], { cwd: root }).catch(explain);
    // One ruff for all, the version the projects pin; each layer is linted under its own pyproject.toml.
    const pin = /"(ruff[^"]*)"/.exec([...frames.values()][0]!.pyproject)?.[1];
    expect(pin).toBeDefined();
    const ruff = ['tool', 'run', '--from', pin!, 'ruff'];
    await run('uv', [...ruff, 'check', '--no-cache', '--output-format', 'concise', ...layerDirs.map((dir) => dir.slice(root.length + 1))], { cwd: root }).catch(explain);
    await run('uv', [...ruff, 'format', '--check', '--no-cache', ...layerDirs.map((dir) => dir.slice(root.length + 1))], { cwd: root }).catch(explain);
    expect(all.length).toBeGreaterThanOrEqual(4);
    console.log(`${all.length} combinations rendered (${files} Python files); ${distinct} distinct files in ${layers.size} layers compiled and linted; ${formatted.summary()}`);
  });
});
