import type { Plugin } from 'prettier';

/** Files prettier formats. Python is written ruff-format-clean by its templates instead. */
export const PRETTIER_FILES = /\.(json|ya?ml|md)$/;

interface Prettier {
  format: (text: string, options: { filepath: string; plugins: Plugin[] }) => Promise<string>;
  plugins: Plugin[];
}

let prettier: Promise<Prettier> | undefined;

/**
 * Formats `text` as prettier formats a file at `path` with its default options: prettier's
 * standalone core and the language plugins of the files Bulwark writes (Markdown, YAML, JSON
 * through babel). The generated project holds no prettier configuration, so none is looked
 * for: the output does not depend on a configuration in a folder above the project. The
 * worker (lib/prettier-worker.ts) calls this same function, so the output is the same with or
 * without it; test/e2e/bundle.spec.ts checks it against the prettier CLI.
 */
export async function formatWithPrettier(path: string, text: string): Promise<string> {
  prettier ??= loadPrettier();
  const { format, plugins } = await prettier;
  return format(text, { filepath: path, plugins });
}

async function loadPrettier(): Promise<Prettier> {
  const [{ format }, markdown, yaml, babel, estree] = await Promise.all([
    import('prettier/standalone'),
    import('prettier/plugins/markdown'),
    import('prettier/plugins/yaml'),
    import('prettier/plugins/babel'),
    import('prettier/plugins/estree'),
  ]);
  return { format, plugins: [markdown, yaml, babel, estree as Plugin] };
}
