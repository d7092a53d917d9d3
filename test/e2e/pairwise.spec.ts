/**
 * The option matrix, installed and tested for real: a pairwise covering set of framework x auth x
 * secrets x every feature on/off (test/support/pairwise.ts, computed from the registry and the
 * choices when the suite starts, so a feature added later is covered without touching this file).
 * Each row is generated with the shipped CLI (which locks and installs it), then passes its own
 * `make setup`, `make test`, `make lint` and `make check`. uv's cache is shared by every row
 * (uv's default cache, or UV_CACHE_DIR when set), so a wheel is downloaded once per matrix.
 *
 * BULWARK_PAIRWISE_ROWS=0,3 runs only those rows (by index), to reproduce one row's failure.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { run, tail } from '../support/processes.js';
import { generateProject } from '../support/project.js';
import { type OptionRow, pairwiseOptionRows } from '../support/pairwise.js';

const ROWS = pairwiseOptionRows();
const only = process.env.BULWARK_PAIRWISE_ROWS?.split(',').map(Number);
const TARGETS = ['setup', 'test', 'lint', 'check'] as const;

const describeRow = (row: OptionRow): string =>
  `${row.framework} --auth ${row.auth} --secrets ${row.secrets} --features ${row.features.join(',') || '(none)'}`;

const timings: { row: number; step: string; seconds: number }[] = [];

async function timed<T>(row: number, step: string, action: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await action();
  } finally {
    timings.push({ row, step, seconds: (performance.now() - start) / 1000 });
  }
}

describe(`the pairwise option matrix (${ROWS.length} rows)`, () => {
  afterAll(() => {
    const total = timings.reduce((sum, entry) => sum + entry.seconds, 0);
    const byStep = Object.entries(
      timings.reduce<Record<string, number>>((sums, entry) => ({ ...sums, [entry.step]: (sums[entry.step] ?? 0) + entry.seconds }), {}),
    )
      .map(([step, seconds]) => `${step} ${seconds.toFixed(0)}s`)
      .join(', ');
    console.log(`pairwise matrix: ${new Set(timings.map((entry) => entry.row)).size} rows in ${total.toFixed(0)}s (${byStep})`);
  });

  it('has rows for both frameworks and every built auth choice', () => {
    expect(new Set(ROWS.map((row) => row.framework))).toEqual(new Set(['django', 'flask']));
    expect(ROWS.length).toBeGreaterThan(2);
  });

  ROWS.forEach((row, index) => {
    it.skipIf(only !== undefined && !only.includes(index))(`row ${index}: ${describeRow(row)}`, async () => {
      const args = ['--framework', row.framework, '--auth', row.auth, '--secrets', row.secrets, '--features', row.features.join(','), '--skip-git'];
      const { dir } = await timed(index, 'generate+install', () => generateProject(`row-${index}`, args));
      for (const target of TARGETS) {
        const result = await timed(index, `make ${target}`, () =>
          run('make', [target], { cwd: dir, timeoutMs: 10 * 60_000, allowFailure: true }),
        );
        expect(result.exitCode, `make ${target} in row ${index} (${describeRow(row)}):\n${tail(result.stdout)}\n${tail(result.stderr)}`).toBe(0);
      }
    });
  });
});
