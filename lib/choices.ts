/**
 * The single-choice questions of `bulwark new`. Each is declared once here; the CLI flag, the
 * prompt, the preset key, the stored answer and the validation message all come from it.
 */
export interface Choice<V extends string = string> {
  value: V;
  title: string;
  /** Set while a choice is known but not built yet: why, and what to pick instead. */
  unavailable?: string;
}

export interface ChoiceQuestion<V extends string = string> {
  key: 'framework' | 'auth' | 'secrets';
  message: string;
  description: string;
  choices: readonly Choice<V>[];
  default: V;
}

export const FRAMEWORKS = ['django', 'flask'] as const;
export type Framework = (typeof FRAMEWORKS)[number];
export type Auth = 'jwt' | 'session' | 'oidc';
export type Secrets = 'env' | 'vault' | 'aws';

export const frameworkQuestion: ChoiceQuestion<Framework> = {
  key: 'framework',
  message: 'Which framework?',
  description: 'Web framework: django or flask',
  default: 'django',
  choices: [
    { value: 'django', title: 'Django 5.2 LTS + Django REST framework' },
    { value: 'flask', title: 'Flask 3.1 + SQLAlchemy 2' },
  ],
};

export const authQuestion: ChoiceQuestion<Auth> = {
  key: 'auth',
  message: 'How do clients authenticate?',
  description: 'Authentication: jwt, session or oidc',
  default: 'jwt',
  choices: [
    { value: 'jwt', title: 'JWT access and refresh tokens' },
    { value: 'session', title: 'Server-side sessions with CSRF protection' },
    { value: 'oidc', title: 'OAuth2/OIDC resource server (tokens from your identity provider)' },
  ],
};

export const secretsQuestion: ChoiceQuestion<Secrets> = {
  key: 'secrets',
  message: 'Where do secrets come from?',
  description: 'Secret source: env, vault or aws',
  default: 'env',
  choices: [
    { value: 'env', title: 'Environment variables and <NAME>_FILE secret files' },
    { value: 'vault', title: 'HashiCorp Vault KV v2 (after the environment and _FILE files)' },
    { value: 'aws', title: 'AWS Secrets Manager (after the environment and _FILE files)' },
  ],
};

export const CHOICE_QUESTIONS = [frameworkQuestion, authQuestion, secretsQuestion] as const;
