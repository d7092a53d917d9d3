import { BulwarkError } from './errors.js';

/**
 * Needles are comment lines the base templates leave where features may add code later:
 * `# bulwark-needle-<name>` in Python, TOML, YAML and env files, `<!-- bulwark-needle-<name> -->` in Markdown.
 * New content goes above the needle, indented like it, so the needle stays for the next feature.
 */
const needlePattern = (needle: string): RegExp =>
  new RegExp(`^([ \\t]*)(?:#|//|<!--)[ \\t]*bulwark-needle-${needle}(?:[ \\t].*)?$`, 'gm');

const squash = (text: string): string => text.replace(/\s+/g, '');

/**
 * Returns `content` with `addition` inserted above the needle, or unchanged when the addition is
 * already there (compared without whitespace, so reformatting does not make it insert twice).
 */
export function insertAtNeedle(content: string, needle: string, addition: string, file = 'the file'): string {
  if (squash(content).includes(squash(addition))) return content;
  const matches = [...content.matchAll(needlePattern(needle))];
  if (matches.length !== 1) {
    const problem = matches.length === 0 ? 'no longer has' : 'has more than one';
    throw new BulwarkError(
      `${file} ${problem} the marker "bulwark-needle-${needle}", so Bulwark cannot add to it safely. Restore exactly one such comment line where new entries belong, then run the command again.`,
    );
  }
  const [match] = matches as [RegExpExecArray];
  const indent = match[1] ?? '';
  const eol = content.includes('\r\n') ? '\r\n' : '\n';
  const block = addition
    .split(/\r?\n/)
    .map((line) => (line === '' ? line : indent + line))
    .join(eol);
  return content.slice(0, match.index) + block + eol + content.slice(match.index);
}
