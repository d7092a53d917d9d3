import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { destinationOf, listTemplates, templateFolders } from '../../lib/templates.js';

describe('destinationOf', () => {
  it('maps the package folder, dotfiles and the .ejs suffix', () => {
    expect(destinationOf('_pkg_/settings/base.py.ejs', 'my_api')).toBe('my_api/settings/base.py');
    expect(destinationOf('dot_gitignore', 'x')).toBe('.gitignore');
    expect(destinationOf('dot_github/workflows/ci.yml.ejs', 'x')).toBe('.github/workflows/ci.yml');
    expect(destinationOf('_pkg_/__init__.py', 'x')).toBe('x/__init__.py');
    expect(destinationOf('tests/_pkg_util.py', 'x')).toBe('tests/_pkg_util.py');
  });
});

describe('listTemplates', () => {
  it('lists the shared folder first, then the framework folder, and skips missing folders', () => {
    const root = mkdtempSync(join(tmpdir(), 'bulwark-templates-'));
    mkdirSync(join(root, 'common/base/dot_github'), { recursive: true });
    mkdirSync(join(root, 'django/base/_pkg_'), { recursive: true });
    writeFileSync(join(root, 'common/base/Makefile.ejs'), '');
    writeFileSync(join(root, 'common/base/dot_github/x.yml'), '');
    writeFileSync(join(root, 'django/base/_pkg_/urls.py'), '');
    const files = listTemplates(root, [...templateFolders('base', 'django'), 'flask/base'], 'shop');
    expect(files).toEqual([
      { source: 'common/base/Makefile.ejs', destination: 'Makefile', render: true },
      { source: 'common/base/dot_github/x.yml', destination: '.github/x.yml', render: false },
      { source: 'django/base/_pkg_/urls.py', destination: 'shop/urls.py', render: false },
    ]);
  });
});
