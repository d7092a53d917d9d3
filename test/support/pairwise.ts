/**
 * A pairwise (2-way) covering set of `bulwark new` options: every pair of option values that can
 * occur together in a valid project occurs in at least one row. Parameters are read from the
 * registry and the choices at call time: framework, auth and secrets (the built choices), and one
 * on/off parameter per feature (a feature that stands for a `--secrets` answer is on exactly when
 * that answer is chosen, so it is not a parameter of its own). Validity is the generator's own: an auth or feature only on a
 * framework it supports, a feature only with what it requires, never with what it conflicts with.
 *
 * The cover is greedy and deterministic (the same registry gives the same rows): each row starts
 * from the first pair not yet covered, then takes, parameter by parameter, the value that covers
 * the most uncovered pairs among those that still leave the row completable.
 */
import { type Auth, CHOICE_QUESTIONS, type ChoiceQuestion } from '../../lib/choices.js';
import { AUTH_UNITS } from '../../lib/features/auth.js';
import { FEATURES, type Feature } from '../../lib/features/index.js';

export interface Parameter {
  name: string;
  values: readonly string[];
}

/** A full or partial assignment: parameter name -> value. */
export type Assignment = ReadonlyMap<string, string>;

export interface Model {
  parameters: readonly Parameter[];
  /** False when the assigned values already break a rule; unassigned parameters are unknown, not violations. */
  allows(assignment: Assignment): boolean;
}

/** One generated project's options. */
export interface OptionRow {
  framework: string;
  auth: string;
  secrets: string;
  features: string[];
}

const ON = 'on';
/** The `--secrets` answer a feature stands for (vault, aws), if it is one: not a free on/off parameter. */
const secretsOf = (feature: Feature): string | undefined => (feature as { secrets?: string }).secrets;
const OFF = 'off';
const featureParameter = (id: string): string => `feature:${id}`;

export interface OptionSources {
  questions?: readonly ChoiceQuestion[];
  features?: readonly Feature[];
  /** Which frameworks each auth choice is built for. */
  authFrameworks?: Readonly<Record<string, readonly string[]>>;
}

/** The option model of `bulwark new`, from the registry (or the sources given, for tests). */
export function optionModel(sources: OptionSources = {}): Model {
  const questions = sources.questions ?? CHOICE_QUESTIONS;
  const features = sources.features ?? FEATURES;
  const authFrameworks =
    sources.authFrameworks ?? Object.fromEntries((Object.keys(AUTH_UNITS) as Auth[]).map((auth) => [auth, AUTH_UNITS[auth].frameworks]));
  const built = (key: ChoiceQuestion['key']): string[] =>
    questions
      .find((question) => question.key === key)!
      .choices.filter((choice) => choice.unavailable === undefined)
      .map((choice) => choice.value);
  const parameters: Parameter[] = [
    { name: 'framework', values: built('framework') },
    { name: 'auth', values: built('auth') },
    { name: 'secrets', values: built('secrets') },
    ...features.filter((feature) => secretsOf(feature) === undefined).map((feature) => ({ name: featureParameter(feature.id), values: [OFF, ON] })),
  ];
  const byId = new Map(features.map((feature) => [feature.id, feature]));
  const on = (assignment: Assignment, id: string): boolean | undefined => {
    // A feature that is a --secrets answer is on exactly when that answer is chosen.
    const answer = byId.get(id) && secretsOf(byId.get(id)!);
    const value = answer === undefined ? assignment.get(featureParameter(id)) : assignment.get('secrets');
    if (value === undefined) return undefined;
    return answer === undefined ? value === ON : value === answer;
  };
  return {
    parameters,
    allows(assignment) {
      const framework = assignment.get('framework');
      const auth = assignment.get('auth');
      if (framework !== undefined && auth !== undefined && !(authFrameworks[auth] ?? []).includes(framework)) return false;
      for (const feature of features) {
        if (on(assignment, feature.id) !== true) continue;
        if (framework !== undefined && !(feature.frameworks as readonly string[]).includes(framework)) return false;
        if ((feature.requires ?? []).some((id) => on(assignment, id) === false)) return false;
        if ((feature.conflicts ?? []).some((id) => on(assignment, id) === true)) return false;
      }
      return true;
    },
  };
}

/** A valid full assignment that extends `partial`, or undefined when there is none (depth-first, pruned). */
export function complete(model: Model, partial: Assignment): Map<string, string> | undefined {
  if (!model.allows(partial)) return undefined;
  const open = model.parameters.filter((parameter) => !partial.has(parameter.name));
  const assignment = new Map(partial);
  const search = (index: number): boolean => {
    if (index === open.length) return true;
    const parameter = open[index]!;
    for (const value of parameter.values) {
      assignment.set(parameter.name, value);
      if (model.allows(assignment) && search(index + 1)) return true;
    }
    assignment.delete(parameter.name);
    return false;
  };
  return search(0) ? assignment : undefined;
}

/** A pair of parameter values, as a stable key. */
const pairKey = (a: string, av: string, b: string, bv: string): string => `${a}=${av}\u0000${b}=${bv}`;

/** Every pair of values (of two different parameters) that some valid full assignment contains. */
export function allowedPairs(model: Model): Set<string> {
  const pairs = new Set<string>();
  const { parameters } = model;
  for (let i = 0; i < parameters.length; i += 1) {
    for (let j = i + 1; j < parameters.length; j += 1) {
      const [a, b] = [parameters[i]!, parameters[j]!];
      for (const av of a.values) {
        for (const bv of b.values) {
          if (complete(model, new Map([[a.name, av], [b.name, bv]])) !== undefined) pairs.add(pairKey(a.name, av, b.name, bv));
        }
      }
    }
  }
  return pairs;
}

/** The pairs a full assignment covers. */
export function pairsOf(model: Model, assignment: Assignment): string[] {
  const { parameters } = model;
  const pairs: string[] = [];
  for (let i = 0; i < parameters.length; i += 1) {
    for (let j = i + 1; j < parameters.length; j += 1) {
      const [a, b] = [parameters[i]!, parameters[j]!];
      pairs.push(pairKey(a.name, assignment.get(a.name)!, b.name, assignment.get(b.name)!));
    }
  }
  return pairs;
}

/**
 * A greedy pairwise covering array of `model` (AETG-like, deterministic): valid full assignments
 * covering every allowed pair. Each row is the best of a few candidates, one per seed pair.
 */
export function pairwiseCover(model: Model, candidatesPerRow = 24): Map<string, string>[] {
  const uncovered = allowedPairs(model);
  const { parameters } = model;
  const index = new Map(parameters.map((parameter, position) => [parameter.name, position]));
  const key = (a: string, av: string, b: string, bv: string): string =>
    index.get(a)! < index.get(b)! ? pairKey(a, av, b, bv) : pairKey(b, bv, a, av);
  /** Uncovered pairs that hold `name=value`: a tie-break that keeps useful values for later rows. */
  const potential = (name: string, value: string): number => {
    let count = 0;
    for (const pair of uncovered) if (pair.startsWith(`${name}=${value}\u0000`) || pair.endsWith(`\u0000${name}=${value}`)) count += 1;
    return count;
  };
  const build = (seed: string): Map<string, string> => {
    const [first, second] = seed.split('\u0000').map((part) => part.split('=') as [string, string]);
    const row = new Map<string, string>([first!, second!]);
    for (const parameter of parameters) {
      if (row.has(parameter.name)) continue;
      let best: { value: string; gain: number; potential: number } | undefined;
      for (const value of parameter.values) {
        row.set(parameter.name, value);
        if (complete(model, row) !== undefined) {
          let gain = 0;
          for (const [other, otherValue] of row) {
            if (other !== parameter.name && uncovered.has(key(other, otherValue, parameter.name, value))) gain += 1;
          }
          const candidate = { value, gain, potential: potential(parameter.name, value) };
          if (best === undefined || gain > best.gain || (gain === best.gain && candidate.potential > best.potential)) best = candidate;
        }
        row.delete(parameter.name);
      }
      // The row was completable before this parameter, so some value keeps it completable.
      row.set(parameter.name, best!.value);
    }
    return row;
  };
  const rows: Map<string, string>[] = [];
  while (uncovered.size > 0) {
    let best: { row: Map<string, string>; gain: number } | undefined;
    for (const seed of [...uncovered].slice(0, candidatesPerRow)) {
      const row = build(seed);
      const gain = pairsOf(model, row).filter((pair) => uncovered.has(pair)).length;
      if (best === undefined || gain > best.gain) best = { row, gain };
    }
    for (const pair of pairsOf(model, best!.row)) uncovered.delete(pair);
    rows.push(best!.row);
  }
  return rows;
}

/** A full assignment as `bulwark new` options. */
export function toOptionRow(assignment: Assignment): OptionRow {
  const features: string[] = [];
  for (const [name, value] of assignment) {
    if (name.startsWith('feature:') && value === ON) features.push(name.slice('feature:'.length));
  }
  return { framework: assignment.get('framework')!, auth: assignment.get('auth')!, secrets: assignment.get('secrets')!, features };
}

/** The pairwise rows of the current registry and choices, as `bulwark new` options (features in registry order). */
export function pairwiseOptionRows(sources: OptionSources = {}): OptionRow[] {
  const model = optionModel(sources);
  const order = model.parameters.map((parameter) => parameter.name);
  return pairwiseCover(model).map((row) => {
    const options = toOptionRow(row);
    options.features.sort((a, b) => order.indexOf(featureParameter(a)) - order.indexOf(featureParameter(b)));
    return options;
  });
}
