import type { KnownModel, RelationView, ResourceView, ScalarType } from './resource.js';
import { type ImportSpec, pyCall, pyImports, quote, splitTestsSection } from './resource-render.js';

/**
 * The Flask side of a resource: a blueprint package per resource (`<package>/<plural>/`) with
 * its SQLAlchemy model, loader options, pydantic schemas and views, an Alembic revision on the
 * current head, and tests; the text here is what varies with the fields.
 */

const isUser = (model: KnownModel): boolean => model.source === 'users';

/** Module of a related model's class, relative to the resource package. */
const moduleOf = (model: KnownModel): string => `..${model.module}.models`;
/** Its table, for foreign keys. */
const tableOf = (model: KnownModel): string => model.table;

const COLUMN: Record<ScalarType, { annotation: string; column?: string; migration: string; alias: string }> = {
  str: { annotation: 'str', column: 'String(STR_MAX_LENGTH)', migration: 'sa.String(length=200)', alias: 'Str' },
  text: { annotation: 'str', column: 'Text, default=""', migration: 'sa.Text()', alias: 'LongText' },
  int: { annotation: 'int', migration: 'sa.Integer()', alias: 'Int' },
  decimal: { annotation: 'Decimal', column: 'Numeric(DECIMAL_DIGITS, DECIMAL_PLACES)', migration: 'sa.Numeric(precision=12, scale=2)', alias: 'Number' },
  bool: { annotation: 'bool', column: 'default=False', migration: 'sa.Boolean()', alias: 'bool' },
  date: { annotation: 'datetime.date', migration: 'sa.Date()', alias: 'datetime.date' },
  datetime: { annotation: 'datetime.datetime', column: 'DateTime(timezone=True)', migration: 'sa.DateTime(timezone=True)', alias: 'UtcDatetime' },
};

const ALIASES: Partial<Record<ScalarType, string>> = {
  str: 'Str = Annotated[str, Field(min_length=1, max_length=STR_MAX_LENGTH)]',
  text: 'LongText = Annotated[str, Field(max_length=TEXT_MAX_LENGTH)]',
  int: 'Int = Annotated[int, Field(ge=INT_MIN, le=INT_MAX)]',
  datetime: '# Stored in UTC: SQLite keeps no offset.\nUtcDatetime = Annotated[AwareDatetime, AfterValidator(lambda value: value.astimezone(datetime.UTC))]',
  decimal: 'Number = Annotated[\n    Decimal,\n    Field(max_digits=DECIMAL_DIGITS, decimal_places=DECIMAL_PLACES, allow_inf_nan=False),\n]',
};

export interface FlaskResource {
  downRevision: string;
  revision: string;
  modelsImports: string;
  links: { name: string; table: string; lines: string[] }[];
  modelLines: string[];
  needsUser: boolean;
  queriesImports: string;
  loaders: string[];
  schemasImports: string;
  aliases: string[];
  createLines: string[];
  updateLines: string[];
  outLines: string[];
  summaries: { target: string; body: string }[];
  viewsImports: string;
  relationsTable?: string;
  migrationUpgrade: string;
  migrationDowngrade: string;
  listQueries: number;
  detailQueries: number;
  tests: FlaskTests;
  /** The OpenAPI records of the views (`@describe`), when the project's base has describe.py. */
  openapi?: FlaskOpenApi;
}

export interface FlaskOpenApi {
  summaryModels: { name: string; lines: string[] }[];
  outLines: string[];
  decorators: { list: string; create: string; get: string; patch: string; delete: string };
}

const OUT_TYPE: Record<ScalarType, string> = {
  str: 'str',
  text: 'str',
  int: 'int',
  decimal: 'str',
  bool: 'bool',
  date: 'datetime.date',
  datetime: 'datetime.datetime',
};

function flaskOpenApi(view: ResourceView, targets: readonly KnownModel[]): FlaskOpenApi {
  const summaryName = (target: KnownModel) => `${target.name}SummaryFor${view.name}`;
  const out = `${view.name}Out`;
  const noun = view.snake.replaceAll('_', ' ');
  return {
    summaryModels: targets.map((target) => ({
      name: summaryName(target),
      lines: ['    id: int', ...(target.display ? [`    ${target.display}: str`] : [])],
    })),
    outLines: view.fields.map((field) => {
      const relation = view.relations.find((r) => r.name === field.name);
      const type = relation === undefined ? OUT_TYPE[field.type as ScalarType] : relation.type === 'fk' ? summaryName(relation.target) : `list[${summaryName(relation.target)}]`;
      return `    ${field.name}: ${type}`;
    }),
    decorators: {
      list: pyCall(0, '@describe(', [quote(`${view.title}, newest first`), 'query=(PageQuery,)', `responses={200: Page[${out}]}`]),
      create: pyCall(0, '@describe(', [quote(`Create a ${noun}`), `body=${view.name}Create`, `responses={201: ${out}}`]),
      get: pyCall(0, '@describe(', [quote(`One ${noun}`), `responses={200: ${out}}`]),
      patch: pyCall(0, '@describe(', [quote(`Change a ${noun}`), `body=${view.name}Update`, `responses={200: ${out}}`]),
      delete: pyCall(0, '@describe(', [quote(`Delete a ${noun}`), 'responses={204: None}', 'errors=(409,)']),
    },
  };
}

export interface FlaskTests {
  conftestImports: string;
  apiImports: string;
  queriesImports: string;
  relatedSetup: string[];
  body: string[];
  patch?: { field: string; value: string; check: string; setup?: string; expected?: string };
  required: string[];
  invalid: string[];
}

function uniqueTargets(relations: readonly RelationView[]): KnownModel[] {
  const seen = new Map<string, KnownModel>();
  for (const relation of relations) seen.set(relation.target.name, relation.target);
  return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The link table of a many-to-many field and its two columns. */
function linkOf(view: ResourceView, relation: RelationView): { table: string; own: string; other: string; variable: string } {
  const own = `${view.snake}_id`;
  const other = `${relation.name}_id` === own ? `related_${relation.name}_id` : `${relation.name}_id`;
  return { table: `${view.plural}_${relation.name}`, own, other, variable: `${view.snake}_${relation.name}` };
}

export function flaskResource(view: ResourceView, packageName: string, downRevision: string, hasDescribe = false, testsSection = false): FlaskResource {
  const openapi = hasDescribe ? flaskOpenApi(view, uniqueTargets(view.relations)) : undefined;
  const targets = uniqueTargets(view.relations);
  const types = new Set(view.scalars.map((field) => field.type));
  const relatedImports: ImportSpec[] = targets.map((target) => ({ module: moduleOf(target), names: [target.name] }));

  // models.py
  const sqlNames = new Set<string>();
  if (types.has('str')) sqlNames.add('String');
  if (types.has('text')) sqlNames.add('Text');
  if (types.has('decimal')) sqlNames.add('Numeric');
  if (types.has('datetime')) sqlNames.add('DateTime');
  if (view.fks.length > 0 || view.m2ms.length > 0) sqlNames.add('ForeignKey');
  if (view.m2ms.length > 0) (sqlNames.add('Column'), sqlNames.add('Table'));
  const ormNames = ['Mapped', 'mapped_column', ...(view.relations.length > 0 ? ['relationship'] : [])];
  const stdlib: ImportSpec[] = [];
  if (types.has('date') || types.has('datetime')) stdlib.push({ module: 'datetime' });
  if (types.has('decimal')) stdlib.push({ module: 'decimal', names: ['Decimal'] });
  const modelsImports = pyImports(
    [{ module: '__future__', names: ['annotations'] }],
    stdlib,
    [...(sqlNames.size > 0 ? [{ module: 'sqlalchemy', names: [...sqlNames] }] : []), { module: 'sqlalchemy.orm', names: ormNames }],
    [...relatedImports, { module: '..extensions', names: ['db'] }],
  );
  const links = view.m2ms.map((relation) => {
    const link = linkOf(view, relation);
    return {
      name: link.variable,
      table: link.table,
      lines: [
        pyCall(4, 'Column(', [quote(link.own), `ForeignKey(${quote(`${view.plural}.id`)}, ondelete="CASCADE")`, 'primary_key=True']) + ',',
        pyCall(4, 'Column(', [quote(link.other), `ForeignKey(${quote(`${tableOf(relation.target)}.id`)}, ondelete="CASCADE")`, 'primary_key=True']) + ',',
      ],
    };
  });
  const modelLines: string[] = [];
  for (const field of view.fields) {
    const relation = view.relations.find((r) => r.name === field.name);
    if (relation?.type === 'fk') {
      modelLines.push('    # RESTRICT: the row it refers to cannot be deleted while this one exists.');
      modelLines.push(pyCall(4, `${field.name}_id: Mapped[int] = mapped_column(`, [`ForeignKey(${quote(`${tableOf(relation.target)}.id`)}, ondelete="RESTRICT")`, 'index=True']));
      modelLines.push(pyCall(4, `${field.name}: Mapped[${relation.target.name}] = relationship(`, [`foreign_keys=[${field.name}_id]`]));
    } else if (relation?.type === 'm2m') {
      modelLines.push(pyCall(4, `${field.name}: Mapped[list[${relation.target.name}]] = relationship(`, [`secondary=${linkOf(view, relation).variable}`, `order_by=${relation.target.name}.id`]));
    } else if (field.type !== 'fk' && field.type !== 'm2m') {
      const column = COLUMN[field.type];
      modelLines.push(column.column ? pyCall(4, `${field.name}: Mapped[${column.annotation}] = mapped_column(`, [column.column]) : `    ${field.name}: Mapped[${column.annotation}]`);
    }
  }

  // queries.py
  const loaders = view.relations.flatMap((relation) => {
    const target = relation.target.name;
    const path = `${view.name}.${relation.name}`;
    const columns = [`${target}.id`, ...(relation.target.display ? [`${target}.${relation.target.display}`] : [])];
    return [
      relation.type === 'fk' ? `        joinedload(${path}, innerjoin=True),` : `        selectinload(${path}),`,
      `${pyCall(8, `defaultload(${path}).load_only(`, columns)},`,
      ...(isUser(relation.target) ? [`${pyCall(8, `defaultload(${path}).lazyload(`, ['User.roles'])},`] : []),
    ];
  });
  const ormLoaders = new Set<string>();
  if (view.fks.length > 0) ormLoaders.add('joinedload');
  if (view.m2ms.length > 0) ormLoaders.add('selectinload');
  if (view.relations.length > 0) ormLoaders.add('defaultload');
  const queriesImports = pyImports(
    [{ module: '__future__', names: ['annotations'] }],
    [
      { module: 'sqlalchemy', names: ['Select', 'select'] },
      ...(ormLoaders.size > 0 ? [{ module: 'sqlalchemy.orm', names: [...ormLoaders] }] : []),
      { module: 'sqlalchemy.orm.interfaces', names: ['LoaderOption'] },
    ],
    [...relatedImports, { module: '.models', names: [view.name] }],
  );

  // schemas.py
  const schemaStd: ImportSpec[] = [{ module: 'typing', names: ['Annotated', 'Any'] }];
  if (types.has('date') || types.has('datetime')) schemaStd.push({ module: 'datetime' });
  if (types.has('decimal')) schemaStd.push({ module: 'decimal', names: ['Decimal'] });
  const pydanticNames = ['BaseModel', 'ConfigDict', 'Field', ...(types.has('datetime') ? ['AfterValidator', 'AwareDatetime'] : [])];
  const schemasImports = pyImports(
    [{ module: '__future__', names: ['annotations'] }],
    schemaStd,
    [{ module: 'pydantic', names: pydanticNames }],
    [
      ...relatedImports,
      ...(openapi ? [{ module: '..api', names: ['DEFAULT_PAGE_SIZE', 'MAX_PAGE_SIZE'] }] : []),
      { module: '.models', names: [view.name] },
    ],
  );
  const aliases = [...types].sort().flatMap((type) => (ALIASES[type] ? [ALIASES[type]!] : []));
  const createLines: string[] = [];
  const updateLines: string[] = [];
  for (const field of view.fields) {
    const annotation = field.type === 'fk' ? 'Id' : field.type === 'm2m' ? 'Ids' : COLUMN[field.type].alias;
    const fallback = field.type === 'text' ? ' = ""' : field.type === 'bool' ? ' = False' : field.type === 'm2m' ? ' = []' : '';
    createLines.push(`    ${field.name}: ${annotation}${fallback}`);
    updateLines.push(`    ${field.name}: ${annotation} = None  # type: ignore[assignment]`);
  }
  const outLines = view.fields.map((field) => {
    const relation = view.relations.find((r) => r.name === field.name);
    const value =
      relation?.type === 'fk'
        ? `_${relation.target.name.toLowerCase()}_summary(row.${field.name})`
        : relation?.type === 'm2m'
          ? `[_${relation.target.name.toLowerCase()}_summary(item) for item in row.${field.name}]`
          : field.type === 'decimal'
            ? `f"{row.${field.name}:.${view.limits.decimalPlaces}f}"`
            : field.type === 'date'
              ? `row.${field.name}.isoformat()`
              : field.type === 'datetime'
                ? `_isoformat(row.${field.name})`
                : `row.${field.name}`;
    const line = `        ${quote(field.name)}: ${value},`;
    return line.length <= 100 ? line : `        ${quote(field.name)}: (\n            ${value}\n        ),`;
  });
  const summaries = targets.map((target) => ({
    target: target.name,
    body: pyCall(4, 'return {', [`"id": row.id`, ...(target.display ? [`${quote(target.display)}: row.${target.display}`] : [])], '}'),
  }));
  const viewsImports = pyImports(
    [{ module: '__future__', names: ['annotations'] }],
    [{ module: 'typing', names: ['Any'] }],
    [
      { module: 'flask', names: ['Blueprint', 'Response', 'abort'] },
      { module: 'sqlalchemy.exc', names: ['IntegrityError'] },
    ],
    [
      ...relatedImports,
      { module: '..api', names: ['InvalidInput', 'invalid_input', 'json_object', 'page', 'resolve', 'valid', 'MAX_ID'] },
      { module: '..extensions', names: ['db'] },
      ...(openapi ? [{ module: '..describe', names: ['Page', 'describe'] }] : []),
      { module: '.', names: ['queries'] },
      { module: '.models', names: [view.name] },
      {
        module: '.schemas',
        names: [`${view.name}Create`, `${view.name}Update`, 'row_out', ...(openapi ? [`${view.name}Out`, 'PageQuery'] : [])],
      },
    ],
  );
  const relationsTable =
    view.relations.length > 0
      ? ['RELATIONS: dict[str, tuple[Any, bool]] = {', ...view.relations.map((r) => `    ${quote(r.name)}: (${r.target.name}, ${r.type === 'm2m' ? 'True' : 'False'}),`), '}'].join('\n')
      : undefined;

  // the Alembic revision (not formatted by ruff: migrations/versions is excluded)
  const table = view.plural;
  const up: string[] = ['    op.create_table(', `        ${quote(table)},`, '        sa.Column("id", sa.Integer(), nullable=False),'];
  for (const field of view.fields) {
    const relation = view.relations.find((r) => r.name === field.name);
    if (relation?.type === 'm2m') continue;
    if (relation?.type === 'fk') up.push(`        sa.Column(${quote(`${field.name}_id`)}, sa.Integer(), nullable=False),`);
    else if (field.type !== 'fk' && field.type !== 'm2m') up.push(`        sa.Column(${quote(field.name)}, ${COLUMN[field.type].migration}, nullable=False),`);
  }
  for (const relation of view.fks) {
    const target = tableOf(relation.target);
    up.push(
      `        sa.ForeignKeyConstraint([${quote(`${relation.name}_id`)}], [${quote(`${target}.id`)}], name=op.f(${quote(`fk_${table}_${relation.name}_id_${target}`)}), ondelete="RESTRICT"),`,
    );
  }
  up.push(`        sa.PrimaryKeyConstraint("id", name=op.f(${quote(`pk_${table}`)})),`, '    )');
  for (const relation of view.fks) up.push(`    op.create_index(op.f(${quote(`ix_${table}_${relation.name}_id`)}), ${quote(table)}, [${quote(`${relation.name}_id`)}])`);
  const down: string[] = [];
  for (const relation of view.m2ms) {
    const link = linkOf(view, relation);
    const target = tableOf(relation.target);
    up.push(
      '    op.create_table(',
      `        ${quote(link.table)},`,
      `        sa.Column(${quote(link.own)}, sa.Integer(), nullable=False),`,
      `        sa.Column(${quote(link.other)}, sa.Integer(), nullable=False),`,
      `        sa.ForeignKeyConstraint([${quote(link.own)}], [${quote(`${table}.id`)}], name=op.f(${quote(`fk_${link.table}_${link.own}_${table}`)}), ondelete="CASCADE"),`,
      `        sa.ForeignKeyConstraint([${quote(link.other)}], [${quote(`${target}.id`)}], name=op.f(${quote(`fk_${link.table}_${link.other}_${target}`)}), ondelete="CASCADE"),`,
      `        sa.PrimaryKeyConstraint(${quote(link.own)}, ${quote(link.other)}, name=op.f(${quote(`pk_${link.table}`)})),`,
      '    )',
    );
    down.push(`    op.drop_table(${quote(link.table)})`);
  }
  for (const relation of view.fks) down.push(`    op.drop_index(op.f(${quote(`ix_${table}_${relation.name}_id`)}), table_name=${quote(table)})`);
  down.push(`    op.drop_table(${quote(table)})`);

  return {
    downRevision,
    revision: `${view.plural}_0001`,
    modelsImports,
    links,
    modelLines,
    needsUser: targets.some(isUser),
    queriesImports,
    loaders,
    schemasImports,
    aliases,
    createLines,
    updateLines,
    outLines,
    summaries,
    viewsImports,
    relationsTable,
    migrationUpgrade: up.join('\n'),
    migrationDowngrade: down.join('\n'),
    listQueries: 2 + view.m2ms.length,
    detailQueries: 1 + view.m2ms.length,
    tests: flaskTests(view, packageName, targets, testsSection),
    openapi,
  };
}

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
    stored: 'datetime.datetime(2024, 6, 1, 12, 0)',
    invalid: ['"soon"', '"2024-05-01T12:00:00"'],
  },
};

function flaskTests(view: ResourceView, packageName: string, targets: readonly KnownModel[], testsSection: boolean): FlaskTests {
  const testImports = (...sections: ImportSpec[][]) => pyImports(...splitTestsSection(sections, testsSection));
  const modelImport = (target: KnownModel): ImportSpec => ({ module: `${packageName}.${target.module}.models`, names: [target.name] });
  const relatedSetup = view.m2ms.map((relation) => `                row.${relation.name}.append(make(${relation.target.name}))`);
  const body: string[] = [];
  const invalid: string[] = [];
  const required: string[] = [];
  let patch: FlaskTests['patch'];
  const scalar = (name: string) => view.scalars.some((field) => field.name === name);
  for (const field of view.fields) {
    if (field.type === 'fk' || field.type === 'm2m') {
      const relation = view.relations.find((r) => r.name === field.name)!;
      const target = relation.target.name;
      if (field.type === 'fk') {
        body.push(`            ${quote(field.name)}: make(${target}).id,`);
        invalid.push(`(${quote(field.name)}, 999_999)`, `(${quote(field.name)}, 10**30)`, `(${quote(field.name)}, "x")`);
        required.push(field.name);
        patch ??= { field: field.name, value: 'other', check: `row.${field.name}_id == other`, setup: `other = new_id(${target})` };
      } else {
        body.push(`            ${quote(field.name)}: [make(${target}).id],`);
        invalid.push(`(${quote(field.name)}, [999_999])`, `(${quote(field.name)}, [10**30])`, `(${quote(field.name)}, "x")`, `(${quote(field.name)}, list(range(1, 102)))`);
        patch ??= { field: field.name, value: '[]', check: `row.${field.name} == []` };
      }
      continue;
    }
    const sample = SAMPLE[field.type];
    body.push(`            ${quote(field.name)}: ${sample.body},`);
    for (const value of sample.invalid) invalid.push(`(${quote(field.name)}, ${value})`);
    if (field.type !== 'text' && field.type !== 'bool') required.push(field.name);
    if (patch === undefined || !scalar(patch.field)) {
      patch =
        field.type === 'bool'
          ? { field: field.name, value: sample.patch, check: `row.${field.name} is False` }
          : field.type === 'datetime'
            ? { field: field.name, value: sample.patch, expected: sample.stored, check: `row.${field.name}.replace(tzinfo=None) == expected` }
            : { field: field.name, value: sample.patch, expected: sample.stored, check: `row.${field.name} == expected` };
    }
  }
  const usesDecimal = patch?.expected?.includes('Decimal(') ?? false;
  const usesDatetime = patch?.expected?.includes('datetime.') ?? false;
  const stdlib: ImportSpec[] = [];
  if (usesDatetime) stdlib.push({ module: 'datetime' });
  if (usesDecimal) stdlib.push({ module: 'decimal', names: ['Decimal'] });
  const apiImports = testImports(
    stdlib,
    [{ module: 'pytest' }, { module: 'flask', names: ['Flask'] }],
    [
      ...targets.map(modelImport),
      { module: `${packageName}.${view.plural}.models`, names: [view.name] },
      { module: `${packageName}.extensions`, names: ['db'] },
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
    [{ module: 'collections.abc', names: ['Callable', 'Iterator'] }, { module: 'contextlib', names: ['contextmanager'] }, { module: 'typing', names: ['Any'] }],
    [{ module: 'pytest' }, { module: 'flask', names: ['Flask'] }, { module: 'flask.testing', names: ['FlaskClient'] }, { module: 'sqlalchemy', names: ['event'] }],
    [
      ...m2mTargets.map(modelImport),
      { module: `${packageName}.${view.plural}.models`, names: [view.name] },
      { module: `${packageName}.extensions`, names: ['db'] },
    ],
    // tests.*: a section of its own after the package, as the projects' isort settings say.
    [
      { module: 'tests.apps', names: ['as_user'] },
      { module: 'tests.factories', names: ['make'] },
    ],
  );
  const queriesImports = pyImports(
    // The naive-versus-optimised test (a resource with relations) is the only one to query directly.
    [{ module: 'pytest' }, ...(view.relations.length > 0 ? [{ module: 'sqlalchemy', names: ['select'] }] : [])],
    view.relations.length > 0
      ? [
          { module: `${packageName}.${view.plural}`, names: ['queries'] },
          { module: `${packageName}.${view.plural}.models`, names: [view.name] },
          { module: `${packageName}.${view.plural}.schemas`, names: ['row_out'] },
          { module: `${packageName}.extensions`, names: ['db'] },
        ]
      : [],
  );
  return { conftestImports, apiImports, queriesImports, relatedSetup, body, patch, required, invalid };
}
