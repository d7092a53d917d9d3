import type { ProjectSpec } from '../spec.js';
import type { Feature, Insertion } from './types.js';

/** Inserted into SecretLoader.for_environment, after the environment, files and .env. */
const SOURCE = [
  '# HashiCorp Vault KV v2 (secrets_vault.py) when VAULT_ADDR is set: last, so the environment',
  '# and files still win. Production reads it at once and refuses to start if it cannot.',
  'from .secrets_vault import vault_source',
  '',
  'vault = vault_source(env)',
  'if vault is not None:',
  '    sources.append(vault)',
].join('\n');

const envExample = (spec: ProjectSpec): string =>
  [
    '# HashiCorp Vault (secrets_vault.py). Set these in the environment or NAME_FILE, never in .env.',
    '# Values in neither the environment nor a NAME_FILE are read from the KV v2 secret',
    '# VAULT_MOUNT/VAULT_PATH, one key per name (SECRET_KEY, DATABASE_URL, ...). Unused while',
    '# VAULT_ADDR is unset.',
    '# VAULT_ADDR=https://vault.example.com:8200',
    '# A token, or AppRole: VAULT_ROLE_ID and VAULT_SECRET_ID (better VAULT_SECRET_ID_FILE).',
    '# VAULT_TOKEN=',
    '# VAULT_ROLE_ID=',
    '# VAULT_SECRET_ID_FILE=',
    '# VAULT_MOUNT=secret',
    `# VAULT_PATH=${spec.name}`,
    '# VAULT_NAMESPACE=',
    '# VAULT_CACERT=/etc/ssl/certs/vault-ca.pem',
    '# Seconds the secret is kept before it is read again, 300 when empty:',
    '# SECRETS_CACHE_TTL=',
    '',
  ].join('\n');

const README =
  '- **Vault secrets**: a value in neither the environment nor a `NAME_FILE` is read from one HashiCorp Vault KV v2 secret (`secrets_vault.py`, hvac) when `VAULT_ADDR` is set, with `VAULT_TOKEN` or AppRole (`VAULT_ROLE_ID`, `VAULT_SECRET_ID`), `VAULT_MOUNT` (default `secret`) and `VAULT_PATH`. The secret is cached for `SECRETS_CACHE_TTL` seconds (300); production refuses to start when Vault cannot be read. See docs/features/vault.md in Bulwark.';

export const vault: Feature = {
  id: 'vault',
  title: 'Vault secrets',
  description: 'HashiCorp Vault KV v2 (hvac, token or AppRole) as a source of the secrets loader, cached; chosen with --secrets vault',
  frameworks: ['django', 'flask'],
  default: false,
  conflicts: ['aws'],
  secrets: 'vault',
  python: {
    django: { dependencies: ['hvac>=2.3,<3'] },
    flask: { dependencies: ['hvac>=2.3,<3'] },
  },
  insertions: (spec): Insertion[] => [
    { file: `${spec.packageName}/secrets_loader.py`, needle: 'secret-sources', content: SOURCE },
    {
      file: 'tests/conftest.py',
      needle: 'production-env',
      content: `# Vault is off unless a test sets VAULT_ADDR: one from the shell never leaks in.\n"VAULT_ADDR": "",`,
    },
    { file: '.env.example', needle: 'env', content: envExample(spec) },
    { file: 'README.md', needle: 'readme-features', content: README },
  ],
};
