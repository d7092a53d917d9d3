import type { ProjectSpec } from '../spec.js';
import type { Feature, Insertion } from './types.js';

/** Inserted into SecretLoader.for_environment, after the environment, files and .env. */
const SOURCE = [
  '# AWS Secrets Manager (secrets_aws.py) when AWS_SECRET_ID is set: last, so the environment',
  '# and files still win. Production reads it at once and refuses to start if it cannot.',
  'from .secrets_aws import aws_secrets_source',
  '',
  'aws = aws_secrets_source(env)',
  'if aws is not None:',
  '    sources.append(aws)',
].join('\n');

const envExample = (spec: ProjectSpec): string =>
  [
    '# AWS Secrets Manager (secrets_aws.py). Set these in the environment or NAME_FILE, never in .env.',
    '# Values in neither the environment nor a NAME_FILE are read from the secret AWS_SECRET_ID, a',
    '# JSON object with one key per name (SECRET_KEY, DATABASE_URL, ...). Unused while AWS_SECRET_ID',
    "# is unset. Credentials: the app's IAM role, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.",
    `# The secret's name or ARN, e.g. ${spec.name}/production:`,
    '# AWS_SECRET_ID=',
    '# AWS_REGION=eu-west-1',
    '# A VPC endpoint or a local emulator; AWS itself when unset:',
    '# AWS_ENDPOINT_URL_SECRETS_MANAGER=',
    '# Seconds the secret is kept before it is read again, 300 when empty:',
    '# SECRETS_CACHE_TTL=',
    '',
  ].join('\n');

const README =
  '- **AWS Secrets Manager secrets**: a value in neither the environment nor a `NAME_FILE` is read from one Secrets Manager secret, a JSON object of names and values (`secrets_aws.py`, boto3), when `AWS_SECRET_ID` is set, with `AWS_REGION` and the credentials of the IAM role the app runs as. The secret is cached for `SECRETS_CACHE_TTL` seconds (300); production refuses to start when it cannot be read. See docs/features/aws.md in Bulwark.';

export const aws: Feature = {
  id: 'aws',
  title: 'AWS Secrets Manager secrets',
  description: 'AWS Secrets Manager (boto3) as a source of the secrets loader, cached; chosen with --secrets aws',
  frameworks: ['django', 'flask'],
  default: false,
  conflicts: ['vault'],
  secrets: 'aws',
  python: {
    django: { dependencies: ['boto3>=1.35,<2'], devDependencies: ['moto[server]>=5.1,<6'] },
    flask: { dependencies: ['boto3>=1.35,<2'], devDependencies: ['moto[server]>=5.1,<6'] },
  },
  insertions: (spec): Insertion[] => [
    { file: `${spec.packageName}/secrets_loader.py`, needle: 'secret-sources', content: SOURCE },
    {
      file: 'tests/conftest.py',
      needle: 'production-env',
      content: `# Secrets Manager is off unless a test sets AWS_SECRET_ID: the shell's never leaks in.\n"AWS_SECRET_ID": "",`,
    },
    { file: '.env.example', needle: 'env', content: envExample(spec) },
    { file: 'README.md', needle: 'readme-features', content: README },
  ],
};
