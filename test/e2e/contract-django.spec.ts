/** The HTTP contract suite against a generated Django project, once per `--auth` choice. */
import { defineContractFor } from '../support/contract-target.js';

defineContractFor('django', ['jwt', 'session', 'oidc']);
