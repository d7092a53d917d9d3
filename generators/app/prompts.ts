import type { ChoiceQuestion } from '../../lib/choices.js';
import { FEATURES } from '../../lib/features/index.js';
import { validateProjectName } from '../../lib/naming.js';

/** Inquirer questions, one per answer, built from the same declarations as the flags. */

export const nameQuestion = {
  type: 'input',
  name: 'name',
  message: 'Project name (the folder to create):',
  validate: (value: string): true | string => {
    try {
      validateProjectName(value);
      return true;
    } catch (error) {
      return (error as Error).message;
    }
  },
} as const;

export const choicePrompt = (question: ChoiceQuestion) =>
  ({
    type: 'select',
    name: question.key,
    message: question.message,
    default: question.default,
    choices: question.choices.map((choice) => ({
      name: choice.title,
      value: choice.value,
      ...(choice.unavailable === undefined ? {} : { disabled: '(not built yet)' }),
    })),
  }) as const;

export const featuresQuestion = (framework: string) =>
  ({
    type: 'checkbox',
    name: 'features',
    message: 'Which features?',
    // A secret store (vault, aws) is chosen by the secrets question, not here.
    choices: FEATURES.filter((feature) => feature.secrets === undefined && (feature.frameworks as readonly string[]).includes(framework)).map((feature) => ({
      name: `${feature.title}: ${feature.description}`,
      value: feature.id,
      checked: feature.default,
    })),
  }) as const;
