/**
 * Python text helpers for the resource templates. The generated code must be `ruff format`-clean
 * and `ruff check`-clean (isort order included) for every resource name and field list, so the
 * parts whose length or order varies are laid out here rather than by hand in the templates.
 */

export const LINE_LENGTH = 100;

/**
 * A call or literal: on one line when it fits, else one item per line with a trailing comma
 * (ruff's "magic trailing comma" keeps that layout as it is).
 */
export function pyCall(indent: number, head: string, items: readonly string[], close = ')'): string {
  const pad = ' '.repeat(indent);
  const one = `${pad}${head}${items.join(', ')}${close}`;
  if (one.length <= LINE_LENGTH) return one;
  return [`${pad}${head}`, ...items.map((item) => `${pad}    ${item},`), `${pad}${close}`].join('\n');
}

/** A list literal assigned to a name: `fields = ["id", "body"]`. */
export const pyList = (indent: number, head: string, items: readonly string[]): string => pyCall(indent, `${head}[`, items, ']');

export const quote = (text: string): string => JSON.stringify(text);

export interface ImportSpec {
  module: string;
  names?: readonly string[];
}

/** isort's order within a section, as ruff applies it: `import x` lines first, then `from x import`, each by module. */
function sortKey(module: string): string {
  // Relative imports: furthest first (`..a` before `.b`).
  const dots = /^\.*/.exec(module)![0].length;
  return `${String(9 - dots)}${module.slice(dots).toLowerCase()}`;
}

function importLine(spec: ImportSpec): string {
  if (spec.names === undefined) return `import ${spec.module}`;
  const names = [...new Set(spec.names)].sort(compareNames);
  return pyCall(0, `from ${spec.module} import (`, names).replace(/^from (\S+) import \((.*)\)$/, 'from $1 import $2');
}

/** ruff's isort with order-by-type: CONSTANTS, then Classes, then other names; case-sensitive within each. */
function compareNames(a: string, b: string): number {
  const kind = (name: string) => (name.length > 1 && name === name.toUpperCase() ? 0 : /^[A-Z]/.test(name) ? 1 : 2);
  return kind(a) - kind(b) || (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : a < b ? -1 : a > b ? 1 : 0);
}

/** Import sections (stdlib, third party, first party, local), each sorted, separated by a blank line; empty sections are left out. */
export function pyImports(...sections: readonly (readonly ImportSpec[])[]): string {
  return sections
    .filter((section) => section.length > 0)
    .map((section) => {
      const merged = new Map<string, ImportSpec>();
      for (const spec of section) {
        const key = `${spec.names === undefined ? 'i' : 'f'}:${spec.module}`;
        const known = merged.get(key);
        merged.set(key, known?.names && spec.names ? { module: spec.module, names: [...known.names, ...spec.names] } : spec);
      }
      const plain = [...merged.values()].filter((spec) => spec.names === undefined);
      const from = [...merged.values()].filter((spec) => spec.names !== undefined);
      const bySortKey = (a: ImportSpec, b: ImportSpec) => (sortKey(a.module) < sortKey(b.module) ? -1 : 1);
      return [...plain.sort(bySortKey), ...from.sort(bySortKey)].map(importLine).join('\n');
    })
    .join('\n\n');
}

/**
 * The sections with `tests.*` imports moved to a section of their own, after the one they were
 * in, when the project's ruff configuration gives the tests package its own isort section
 * (`[tool.ruff.lint.isort.sections] tests = ["tests"]`).
 */
export function splitTestsSection(sections: readonly (readonly ImportSpec[])[], separate: boolean): ImportSpec[][] {
  if (!separate) return sections.map((section) => [...section]);
  const isTests = (spec: ImportSpec) => spec.module === 'tests' || spec.module.startsWith('tests.');
  return sections.flatMap((section) => [section.filter((spec) => !isTests(spec)), section.filter(isTests)]);
}

/** Whether a project's pyproject.toml gives the tests package its own isort section. */
export const hasTestsSection = (pyproject: string): boolean => /^\s*tests\s*=\s*\[\s*"tests"\s*\]/m.test(pyproject);
