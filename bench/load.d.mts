// Types of bench/load.mjs, for the TypeScript that imports it (test/e2e/operations.spec.ts).
export interface LoadResponse {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
  /** Epoch ms the request was sent. */
  startedAt: number;
  latencyMs: number;
}

export interface LoadOptions {
  url: string;
  connections?: number;
  durationMs?: number;
  method?: string;
  headers?: Record<string, string>;
  body?: string | ((index: number) => string);
  onResponse?: (response: LoadResponse) => void;
  timeoutMs?: number;
}

export interface LoadResult {
  url: string;
  method: string;
  connections: number;
  durationMs: number;
  requests: number;
  rps: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  statuses: Record<string, number>;
  errors: number;
  errorSamples: string[];
}

export function runLoad(options: LoadOptions): Promise<LoadResult>;
export function serverErrors(result: LoadResult): number;
export function summarise(result: LoadResult): string;
