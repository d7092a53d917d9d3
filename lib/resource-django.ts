import type { KnownModel, RelationView, ResourceView, ScalarField, ScalarType } from './resource.js';
import { type ImportSpec, pyCall, pyImports, pyList, quote, splitTestsSection } from './resource-render.js';

/**
 * The Django side of a resource: one app per resource (`<package>/<plural>/`), the text of its
 * model fields, migration, serializers and tests, built from the resource's fields.
 */

const isUser = (model: KnownModel): boolean => model.source === 'users';

/** The app a related model belongs to (its label, for migrations and lazy references). */
const appOf = (model: KnownModel): string => (model.source === 'catalog' ? 'catalog' : model.module);

/** `to=` of a relation in models.py and in the migration. */
const modelReference = (model: KnownModel): string => (isUser(model) ? 'settings.AUTH_USER_MODEL' : model.name);
const migrationReference = (model: KnownModel): string =>
  isUser(model) ? 'settings.AUTH_USER_MODEL' : quote(`${appOf(model)}.${model.name.toLowerCase()}`);

const MODEL_FIELDS: Record<ScalarType, (limits: ResourceView['limits']) => [string, string[]]> = {
  str: (l) => ['CharField', [`max_length=${l.strMaxLength}`]],
  text: () => ['TextField', ['blank=True']],
  int: () => ['IntegerField', []],
  decimal: (l) => ['DecimalField', [`max_digits=${l.decimalDigits}`, `decimal_places=${l.decimalPlaces}`]],
  bool: () => ['BooleanField', ['default=False']],
  date: () => ['DateField', []],
  datetime: () => ['DateTimeField', []],
};

/** Keyword arguments in the order makemigrations writes them (sorted), for the migration. */
const sortedKwargs = (args: readonly string[]): string[] => [...args].sort();

export interface DjangoResource {
  appConfigClass: string;
  modelsImports: string;
  modelFields: string;
  queryset: string;
  queryDoc: string[];
  selectRelated?: string;
  prefetches: string[];
  migrationImports: string;
  migrationDependencies: string;
  migrationFields: string;
  serializersImports: string;
  summarySerializers: { name: string; model: string; fields: string }[];
  readFields: string;
  readRelationFields: string[];
  writeDeclarations: string[];
  writeFields: string;
  validators: { field: string; model: string; noun: string }[];
  needsUserModel: boolean;
  /** Number of queries a page of the list takes after the role check: COUNT, rows, one per m2m. */
  listQueries: number;
  detailQueries: number;
  tests: DjangoTests;
}

export interface DjangoTests {
  conftestImports: string;
  apiImports: string;
  queriesImports: string;
  relatedSetup: string[];
  body: string[];
  patch?: { field: string; value: string; check: string; setup?: string; expected?: string };
  required: string[];
  invalid: string[];
}

/**
 * Summary serializer class of a related model, per resource (`BookSummaryForReviewSerializer`):
 * OpenAPI generators name components after serializer classes, and two resources' summaries of
 * the same model must not share a name.
 */
const summaryOf = (model: KnownModel, resource: string): string => `${model.name}SummaryFor${resource}Serializer`;

export function djangoResource(view: ResourceView, packageName: string, dependencies: readonly [string, string][], testsSection = false): DjangoResource {
  const { limits } = view;
  const targets = uniqueTargets(view.relations);
  const needsUserModel = targets.some(isUser);
  const relatedImports: ImportSpec[] = targets
    .filter((target) => !isUser(target))
    .map((target) => ({ module: `..${target.module}.models`, names: [target.name] }));

  // models.py
  const fieldLines: string[] = [];
  for (const field of view.fields) {
    if (field.type === 'fk' || field.type === 'm2m') {
      const relation = view.relations.find((r) => r.name === field.name)!;
      if (relation.type === 'fk') {
        fieldLines.push('    # PROTECT: the row it refers to cannot be deleted while this one exists.');
      }
      const args =
        relation.type === 'fk'
          ? [modelReference(relation.target), 'on_delete=models.PROTECT', `related_name=${quote(relation.relatedName)}`]
          : [modelReference(relation.target), `related_name=${quote(relation.relatedName)}`, 'blank=True'];
      fieldLines.push(pyCall(4, `${field.name} = models.${relation.type === 'fk' ? 'ForeignKey' : 'ManyToManyField'}(`, args));
    } else {
      const [kind, args] = MODEL_FIELDS[field.type](limits);
      fieldLines.push(pyCall(4, `${field.name} = models.${kind}(`, args));
    }
  }
  const prefetches = view.m2ms.map((relation) => {
    const columns = ['"id"', ...(relation.target.display ? [quote(relation.target.display)] : [])];
    const manager = isUser(relation.target) ? 'get_user_model().objects' : `${relation.target.name}.objects`;
    return `${pyCall(8, 'Prefetch(', [quote(relation.name), `queryset=${manager}.only(${columns.join(', ')}).order_by("id")`])},`;
  });
  const queryset =
    view.fks.length > 0 && prefetches.length > 0
      ? 'self.select_related(*SELECT_RELATED).prefetch_related(*_prefetches())'
      : view.fks.length > 0
        ? 'self.select_related(*SELECT_RELATED)'
        : prefetches.length > 0
          ? 'self.prefetch_related(*_prefetches())'
          : 'self.all()';
  const querysetText = `        return ${queryset}`;
  const selectRelated = view.fks.length > 0 ? pyList(0, 'SELECT_RELATED = ', view.fks.map((r) => quote(r.name))) : undefined;
  const queryDoc: string[] = [];
  if (view.fks.length > 0) {
    queryDoc.push(
      '- select_related(*SELECT_RELATED): each row\'s related rows come in the same query, by',
      '  JOIN. Saves 1 query per row and relation.',
    );
  }
  if (view.m2ms.length > 0) {
    queryDoc.push(
      '- prefetch_related(*_prefetches()): 1 more query per many-to-many relation,',
      '  `... WHERE ... IN (<the page>)`, for every row on the page, with only the columns the',
      '  API shows. Saves 1 query per row and relation.',
    );
  }
  const modelsThirdParty: ImportSpec[] = [{ module: 'django.db', names: ['models'] }];
  if (view.fks.some((r) => isUser(r.target)) || view.m2ms.some((r) => isUser(r.target))) modelsThirdParty.push({ module: 'django.conf', names: ['settings'] });
  if (view.m2ms.some((r) => isUser(r.target))) modelsThirdParty.push({ module: 'django.contrib.auth', names: ['get_user_model'] });
  if (view.m2ms.length > 0) modelsThirdParty.push({ module: 'django.db.models', names: ['Prefetch'] });
  const modelsImports = pyImports([{ module: '__future__', names: ['annotations'] }], modelsThirdParty, relatedImports);

  // migrations/0001_initial.py (not formatted by ruff: migrations are excluded)
  const migrationFields: string[] = [
    '                (\n                    "id",\n                    models.BigAutoField(\n                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"\n                    ),\n                ),',
  ];
  for (const field of view.fields) {
    const relation = view.relations.find((r) => r.name === field.name);
    let text: string;
    if (relation?.type === 'fk') {
      text = `models.ForeignKey(${sortedKwargs(['on_delete=django.db.models.deletion.PROTECT', `related_name=${quote(relation.relatedName)}`, `to=${migrationReference(relation.target)}`]).join(', ')})`;
    } else if (relation?.type === 'm2m') {
      text = `models.ManyToManyField(${sortedKwargs(['blank=True', `related_name=${quote(relation.relatedName)}`, `to=${migrationReference(relation.target)}`]).join(', ')})`;
    } else {
      const [kind, args] = MODEL_FIELDS[(field as ScalarField).type](limits);
      text = `models.${kind}(${sortedKwargs(args).join(', ')})`;
    }
    migrationFields.push(`                (${quote(field.name)}, ${text}),`);
  }
  const migrationImports = [
    ...(needsUserModel ? ['from django.conf import settings'] : []),
    ...(view.fks.length > 0 ? ['import django.db.models.deletion'] : []),
    'from django.db import migrations, models',
  ].join('\n');
  const migrationDependencies = dependencies.length === 0
    ? '    dependencies = []'
    : ['    dependencies = [', ...dependencies.map(([app, name]) => (app === '__user__' ? '        migrations.swappable_dependency(settings.AUTH_USER_MODEL),' : `        (${quote(app)}, ${quote(name)}),`)), '    ]'].join('\n');

  // serializers.py
  const summarySerializers = targets.map((target) => ({
    name: summaryOf(target, view.name),
    model: target.name,
    fields: pyList(8, 'fields = ', ['"id"', ...(target.display ? [quote(target.display)] : [])]),
  }));
  const allFields = ['"id"', ...view.fields.map((field) => quote(field.name))];
  const readRelationFields = view.relations.map((relation) =>
    pyCall(4, `${relation.name} = ${summaryOf(relation.target, view.name)}(`, [...(relation.type === 'm2m' ? ['many=True'] : []), 'read_only=True']),
  );
  const writeDeclarations: string[] = [];
  for (const field of view.fields) {
    if (field.type === 'int') writeDeclarations.push(pyCall(4, `${field.name} = serializers.IntegerField(`, ['min_value=INT_MIN', 'max_value=INT_MAX']));
    if (field.type === 'text') {
      writeDeclarations.push(pyCall(4, `${field.name} = serializers.CharField(`, ['max_length=TEXT_MAX_LENGTH', 'allow_blank=True', 'required=False', 'trim_whitespace=False']));
    }
    if (field.type === 'fk') {
      const relation = view.relations.find((r) => r.name === field.name)!;
      writeDeclarations.push(pyCall(4, `${field.name} = serializers.PrimaryKeyRelatedField(`, [`queryset=${relation.target.name}.objects.all()`]));
    }
    if (field.type === 'm2m') {
      writeDeclarations.push(`    # Ids checked in validate_${field.name} with one query, not one query per id.`);
      writeDeclarations.push(
        pyCall(4, `${field.name} = serializers.ListField(`, ['child=serializers.IntegerField(min_value=1, max_value=MAX_ID)', 'max_length=MAX_RELATED_IDS', 'required=False']),
      );
    }
  }
  const serializerThirdParty: ImportSpec[] = [
    { module: 'django.db', names: ['transaction'] },
    { module: 'rest_framework', names: ['serializers'] },
  ];
  if (needsUserModel) serializerThirdParty.push({ module: 'django.contrib.auth', names: ['get_user_model'] });
  const serializersImports = pyImports(
    [{ module: '__future__', names: ['annotations'] }],
    [{ module: 'typing', names: ['Any'] }],
    serializerThirdParty,
    [...relatedImports, { module: '.models', names: [view.name] }],
  );

  return {
    appConfigClass: `${view.plural.split('_').map((part) => part[0]!.toUpperCase() + part.slice(1)).join('')}Config`,
    modelsImports,
    modelFields: fieldLines.join('\n'),
    queryset: querysetText,
    queryDoc,
    selectRelated,
    prefetches,
    migrationImports,
    migrationDependencies,
    migrationFields: migrationFields.join('\n'),
    serializersImports,
    summarySerializers,
    readFields: pyList(8, 'fields = ', allFields),
    readRelationFields,
    writeDeclarations,
    writeFields: pyList(8, 'fields = ', allFields),
    validators: view.m2ms.map((relation) => ({ field: relation.name, model: relation.target.name, noun: relation.target.name.toLowerCase() })),
    needsUserModel,
    listQueries: 2 + view.m2ms.length,
    detailQueries: 1 + view.m2ms.length,
    tests: djangoTests(view, packageName, targets, testsSection),
  };
}

function uniqueTargets(relations: readonly RelationView[]): KnownModel[] {
  const seen = new Map<string, KnownModel>();
  for (const relation of relations) seen.set(relation.target.name, relation.target);
  return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Values the generated tests send and expect, per field type. */
const SAMPLE: Record<ScalarType, { body: string; patch: string; stored: string; invalid: string[] }> = {
  str: { body: '"A name"', patch: '"Changed"', stored: '"Changed"', invalid: ['""', '"x" * 201', 'None'] },
  text: { body: '"Some text."', patch: '"Changed."', stored: '"Changed."', invalid: ['"x" * 20_001', '["not", "text"]'] },
  int: { body: '3', patch: '4', stored: '4', invalid: ['2**31', '-(2**31) - 1', '"many"'] },
  decimal: { body: '"12.50"', patch: '"1.25"', stored: 'Decimal("1.25")', invalid: ['"NaN"', '"1e999"', '"1.005"', '"x"'] },
  bool: { body: 'True', patch: 'False', stored: 'False', invalid: ['"maybe"'] },
  date: { body: '"2024-05-01"', patch: '"2024-06-01"', stored: 'datetime.date(2024, 6, 1)', invalid: ['"yesterday"', '"2024-13-01"'] },
  datetime: {
    body: '"2024-05-01T12:00:00Z"',
    patch: '"2024-06-01T12:00:00Z"',
    stored: 'datetime.datetime(2024, 6, 1, 12, 0, tzinfo=datetime.UTC)',
    invalid: ['"soon"'],
  },
};

function djangoTests(view: ResourceView, packageName: string, targets: readonly KnownModel[], testsSection: boolean): DjangoTests {
  const testImports = (...sections: ImportSpec[][]) => pyImports(...splitTestsSection(sections, testsSection));
  const modelName = (target: KnownModel) => (isUser(target) ? 'User' : target.name);
  const targetImports = (section: 'pkg' | 'user'): ImportSpec[] =>
    section === 'user'
      ? targets.some(isUser)
        ? [{ module: 'django.contrib.auth', names: ['get_user_model'] }]
        : []
      : targets.filter((t) => !isUser(t)).map((t) => ({ module: `${packageName}.${t.module}.models`, names: [t.name] }));
  const relatedSetup = view.m2ms.map((relation) => `            row.${relation.name}.set([make(${modelName(relation.target)})])`);

  const body: string[] = [];
  const invalid: string[] = [];
  const required: string[] = [];
  let patch: DjangoTests['patch'];
  for (const field of view.fields) {
    if (field.type === 'fk' || field.type === 'm2m') {
      const relation = view.relations.find((r) => r.name === field.name)!;
      const target = modelName(relation.target);
      if (field.type === 'fk') {
        body.push(`        ${quote(field.name)}: make(${target}).pk,`);
        invalid.push(`(${quote(field.name)}, 999_999)`, `(${quote(field.name)}, 10**30)`, `(${quote(field.name)}, "x")`);
        required.push(field.name);
        patch ??= { field: field.name, value: `other.pk`, check: `row.${field.name}_id == other.pk`, setup: `other = make(${target})` };
      } else {
        body.push(`        ${quote(field.name)}: [make(${target}).pk],`);
        invalid.push(`(${quote(field.name)}, [999_999])`, `(${quote(field.name)}, [10**30])`, `(${quote(field.name)}, "x")`, `(${quote(field.name)}, list(range(1, 102)))`);
        patch ??= { field: field.name, value: '[]', check: `list(row.${field.name}.all()) == []` };
      }
      continue;
    }
    const sample = SAMPLE[field.type];
    body.push(`        ${quote(field.name)}: ${sample.body},`);
    for (const value of sample.invalid) invalid.push(`(${quote(field.name)}, ${value})`);
    if (field.type !== 'text' && field.type !== 'bool') required.push(field.name);
    // A scalar field is the clearest thing to change: prefer it over a relation.
    if (patch === undefined || !SCALAR_NAMES.has(view.fields.find((f) => f.name === patch!.field)!.type)) {
      patch =
        field.type === 'bool'
          ? { field: field.name, value: sample.patch, check: `row.${field.name} is False` }
          : { field: field.name, value: sample.patch, expected: sample.stored, check: `row.${field.name} == expected` };
    }
  }
  const usesDecimal = patch?.expected?.includes('Decimal(') ?? false;
  const usesDatetime = patch?.expected?.includes('datetime.') ?? false;
  const apiImports = testImports(
    usesDatetime ? [{ module: 'datetime' }, ...(usesDecimal ? [{ module: 'decimal', names: ['Decimal'] }] : [])] : usesDecimal ? [{ module: 'decimal', names: ['Decimal'] }] : [],
    [{ module: 'pytest' }, { module: 'rest_framework.test', names: ['APIClient'] }, ...targetImports('user')],
    [
      ...targetImports('pkg'),
      { module: `${packageName}.${view.plural}.models`, names: [view.name] },
    ],
    // tests.*: a section of its own after the package, as the projects' isort settings say.
    [
      { module: 'tests.assertions', names: ['assert_problem'] },
      // The body fixture makes the rows a body refers to.
      ...(view.relations.length > 0 ? [{ module: 'tests.factories', names: ['make'] }] : []),
    ],
  );
  const m2mTargets = uniqueTargets(view.m2ms);
  const conftestImports = testImports(
    [{ module: 'collections.abc', names: ['Callable'] }],
    [{ module: 'pytest' }, ...(m2mTargets.some(isUser) ? [{ module: 'django.contrib.auth', names: ['get_user_model'] }] : [])],
    [
      ...m2mTargets.filter((t) => !isUser(t)).map((t) => ({ module: `${packageName}.${t.module}.models`, names: [t.name] })),
      { module: `${packageName}.${view.plural}.models`, names: [view.name] },
    ],
    // tests.*: a section of its own after the package, as the projects' isort settings say.
    [
      { module: 'tests.factories', names: ['make'] },
    ],
  );
  const queriesImports = pyImports(
    [{ module: 'pytest' }, ...(view.relations.length > 0 ? [{ module: 'django.db', names: ['connection'] }, { module: 'django.test.utils', names: ['CaptureQueriesContext'] }] : [])],
    // The naive-versus-optimised test (a resource with relations) is the only one to query directly.
    view.relations.length > 0
      ? [
          { module: `${packageName}.${view.plural}.models`, names: [view.name] },
          { module: `${packageName}.${view.plural}.serializers`, names: [`${view.name}Serializer`] },
        ]
      : [],
  );
  return { conftestImports, apiImports, queriesImports, relatedSetup, body, patch, required, invalid };
}

const SCALAR_NAMES = new Set<string>(['str', 'text', 'int', 'decimal', 'bool', 'date', 'datetime']);
