import { Transform } from 'node:stream';

/** Files prettier formats. Python is written ruff-format-clean by its templates instead. */
export const PRETTIER_FILES = /\.(json|ya?ml|md)$/;

interface VinylLike {
  path: string;
  contents: Buffer | null;
}

/**
 * An object-mode transform for Yeoman's commit pipeline that formats JSON, YAML and Markdown
 * with prettier. Prettier is imported on first use: most runs format only a few files.
 */
export function prettierTransform(): Transform {
  return new Transform({
    objectMode: true,
    async transform(file: VinylLike, _encoding, callback) {
      try {
        if (file.contents !== null && PRETTIER_FILES.test(file.path)) {
          const prettier = await import('prettier');
          const options = (await prettier.resolveConfig(file.path)) ?? {};
          const formatted = await prettier.format(file.contents.toString('utf8'), { ...options, filepath: file.path });
          file.contents = Buffer.from(formatted);
        }
        callback(null, file);
      } catch (error) {
        callback(error as Error);
      }
    },
  });
}
