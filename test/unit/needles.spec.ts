import { describe, expect, it } from 'vitest';
import { insertAtNeedle } from '../../lib/needles.js';

const settings = ['INSTALLED_APPS = [', '    "django.contrib.auth",', '    # bulwark-needle-installed-apps', ']', ''].join('\n');

describe('insertAtNeedle', () => {
  it('inserts above the needle with its indentation and keeps the needle', () => {
    const result = insertAtNeedle(settings, 'installed-apps', '"axes",');
    expect(result).toBe(['INSTALLED_APPS = [', '    "django.contrib.auth",', '    "axes",', '    # bulwark-needle-installed-apps', ']', ''].join('\n'));
  });

  it('changes nothing the second time', () => {
    const once = insertAtNeedle(settings, 'installed-apps', '"axes",');
    expect(insertAtNeedle(once, 'installed-apps', '"axes",')).toBe(once);
  });

  it('does not insert again when the content was reformatted', () => {
    const once = insertAtNeedle(settings, 'installed-apps', 'X = {"a": 1}');
    const reformatted = once.replace('X = {"a": 1}', 'X = {\n    "a": 1\n}');
    expect(insertAtNeedle(reformatted, 'installed-apps', 'X = {"a": 1}')).toBe(reformatted);
  });

  it('finds Markdown needles and multi-line content', () => {
    const readme = '# API\n\n<!-- bulwark-needle-readme-features -->\n';
    expect(insertAtNeedle(readme, 'readme-features', '- one\n- two')).toBe('# API\n\n- one\n- two\n\n<!-- bulwark-needle-readme-features -->\n');
  });

  it('keeps a Markdown list tight and apart from the needle, as prettier formats it', async () => {
    const { format } = await import('prettier');
    let readme = 'Made with:\n\n<!-- bulwark-needle-readme-features -->\n';
    const items = ['- **One**: the first.', '- **Two**: the second,\n  on two lines.', '- **Three**: `code` and a [link](https://example.com).'];
    for (const item of items) {
      readme = insertAtNeedle(readme, 'readme-features', item);
      expect(await format(readme, { filepath: 'README.md' })).toBe(readme);
    }
    expect(readme).toBe(`Made with:\n\n${items.join('\n')}\n\n<!-- bulwark-needle-readme-features -->\n`);
    // A README from before this rule (the list right above the needle) keeps its shape.
    const older = 'Made with:\n\n- one\n<!-- bulwark-needle-readme-features -->\n';
    expect(insertAtNeedle(older, 'readme-features', '- two')).toBe('Made with:\n\n- one\n- two\n<!-- bulwark-needle-readme-features -->\n');
    // Other Markdown goes right above the needle, as in any other file.
    expect(insertAtNeedle('a\n\n<!-- bulwark-needle-x -->\n', 'x', 'Text.')).toBe('a\n\nText.\n<!-- bulwark-needle-x -->\n');
  });

  it('keeps CRLF line endings', () => {
    const crlf = 'A = [\r\n    # bulwark-needle-x\r\n]\r\n';
    expect(insertAtNeedle(crlf, 'x', '1,')).toBe('A = [\r\n    1,\r\n    # bulwark-needle-x\r\n]\r\n');
  });

  it('refuses a file whose needle was removed, naming the file and the marker', () => {
    expect(() => insertAtNeedle('A = []\n', 'installed-apps', '"axes",', 'demo/settings/base.py')).toThrow(
      /demo\/settings\/base\.py no longer has the marker "bulwark-needle-installed-apps"/,
    );
  });

  it('refuses an ambiguous needle', () => {
    expect(() => insertAtNeedle('# bulwark-needle-x\n# bulwark-needle-x\n', 'x', 'y')).toThrow(/more than one/);
  });

  it('does not take a longer needle name for a shorter one', () => {
    expect(() => insertAtNeedle('# bulwark-needle-urls-extra\n', 'urls', 'y')).toThrow(/no longer has/);
  });
});
