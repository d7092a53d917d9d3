// Replaces @yeoman/adapter/dist/inquirer.js in the bulwark bundle (see README.md here): the same
// prompt module, but inquirer (with rxjs and every prompt type) is imported on the first
// question instead of when the adapter is created, so runs that ask nothing (--defaults, no
// terminal) never load it. The adapter only calls the module and, for custom prompt types,
// registerPrompt; both work before the load.
export const createAdapterPromptModule = (parameter) => {
  let promptModule;
  let registered = [];
  const load = async () => {
    if (promptModule === undefined) {
      const { createPromptModule } = await import('inquirer');
      const created = createPromptModule(parameter);
      // From here on as in @yeoman/adapter: `list` is a deprecated alias of `select`.
      const originalRestoreDefaultPrompts = created.restoreDefaultPrompts;
      created.restoreDefaultPrompts = () => {
        originalRestoreDefaultPrompts();
        Object.defineProperty(created.prompts, 'list', {
          get: () => {
            console.warn('`list` prompt is deprecated. Use `select` prompt instead.');
            return created.prompts['select'];
          },
          set: (value) => {
            Object.defineProperty(created.prompts, 'list', { value, writable: true, configurable: true });
          },
          configurable: true,
          enumerable: true,
        });
      };
      created.restoreDefaultPrompts();
      for (const [name, prompt] of registered) created.registerPrompt(name, prompt);
      promptModule = created;
    }
    return promptModule;
  };
  const lazy = async (questions, answers) => (await load())(questions, answers);
  lazy.registerPrompt = (name, prompt) => {
    if (promptModule === undefined) registered.push([name, prompt]);
    else promptModule.registerPrompt(name, prompt);
    return lazy;
  };
  lazy.restoreDefaultPrompts = () => {
    registered = [];
    promptModule?.restoreDefaultPrompts();
  };
  Object.defineProperty(lazy, 'prompts', {
    get: () => {
      if (promptModule === undefined) throw new Error('the prompt types are loaded with inquirer, on the first question');
      return promptModule.prompts;
    },
  });
  return lazy;
};
