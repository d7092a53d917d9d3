import { BulwarkError } from './errors.js';
import { PYTHON_KEYWORDS, STDLIB_MODULES } from './python-names.js';

/**
 * Top-level modules a generated project imports (its dependencies and its own layout). A package
 * with one of these names would shadow the real module and break the project in confusing ways.
 */
const IMPORTED_MODULES = new Set([
  'argon2', 'boto3', 'botocore', 'corsheaders', 'csp', 'dj_database_url', 'django', 'dotenv',
  'drf_spectacular', 'flask', 'flask_jwt_extended', 'flask_limiter', 'flask_migrate',
  'flask_sqlalchemy', 'flask_talisman', 'flask_wtf', 'gunicorn', 'hvac', 'jwt', 'manage', 'nh3',
  'psycopg', 'pydantic', 'pytest', 'pytest_django', 'pythonjsonlogger', 'redis', 'rest_framework',
  'rest_framework_simplejwt', 'axes', 'sentry_sdk', 'sqlalchemy', 'tests', 'werkzeug',
]);

const PROJECT_NAME = /^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$/;
/**
 * PEP 8 asks for short module names, and the package's dotted paths (settings, imports) must fit
 * in the projects' 100 columns: `<package>.accounts.permissions.RolePermission` and the like.
 */
const MAX_LENGTH = 30;

/** The Python package a project name maps to: `my-api` -> `my_api`. */
export const toPackageName = (projectName: string): string => projectName.replaceAll('-', '_');

/**
 * Checks a project name and returns its package name, or throws with what to change.
 * The name becomes a folder, a distribution name and a Python package, so it must be safe as all three.
 */
export function validateProjectName(name: string): string {
  const fix = 'Choose a name like `my-api`: lowercase letters, digits and single hyphens or underscores, starting with a letter.';
  if (name.trim() === '') {
    throw new BulwarkError(`The project name is empty. ${fix}`);
  }
  if (name.includes('/') || name.includes('\\') || name.includes('..')) {
    throw new BulwarkError(
      `The project name "${name}" contains a path separator or "..". Bulwark creates the project in a new folder of that name inside the current one; cd to where it should go and pass a plain name. ${fix}`,
    );
  }
  if (name.length > MAX_LENGTH) {
    throw new BulwarkError(`The project name "${name}" is longer than ${MAX_LENGTH} characters. ${fix}`);
  }
  if (!PROJECT_NAME.test(name)) {
    throw new BulwarkError(`The project name "${name}" is not valid. ${fix}`);
  }
  const packageName = toPackageName(name);
  if (PYTHON_KEYWORDS.has(packageName)) {
    throw new BulwarkError(
      `The project name "${name}" is a Python keyword, so its package could not be imported. Choose another name, e.g. "${name}-api".`,
    );
  }
  if (STDLIB_MODULES.has(packageName) || IMPORTED_MODULES.has(packageName)) {
    throw new BulwarkError(
      `The project name "${name}" would make a Python package "${packageName}" that shadows the module of that name the project imports. Choose another name, e.g. "${name}-api".`,
    );
  }
  return packageName;
}
