import type { ResourceView } from './resource.js';

/** The Flask side of a resource: a blueprint package per resource (`<package>/<plural>/`). */
export interface FlaskResource {
  downRevision: string;
}

export function flaskResource(_view: ResourceView, _packageName: string, downRevision: string): FlaskResource {
  return { downRevision };
}
