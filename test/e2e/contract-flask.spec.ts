/** The HTTP contract suite against a generated Flask project, once per `--auth` choice Flask has. */
import { defineContractFor } from '../support/contract-target.js';

defineContractFor('flask', ['jwt', 'session', 'oidc']);
