/**
 * `npm run bench [-- --json]`: engine latency (p50, p99), throughput, index build time and memory on
 * the real knowledge file and on synthetic knowledge bases of 500 and 5,000 entries, and in the
 * same run the same figures for plain Fuse.js (default options over the raw question strings).
 * Run with `--expose-gc` (the npm script does) so heap figures are measured after a collection.
 */
import { readFileSync } from 'node:fs';
import Fuse from 'fuse.js';
import { DEFAULT_THRESHOLDS } from '../src/config.ts';
import { parseEvalLines } from '../src/eval/evaluate.ts';
import { loadKnowledge } from '../src/knowledge/load.ts';
import type { KnowledgeBase } from '../src/knowledge/types.ts';
import { createEngine } from '../src/qa/engine.ts';
import { syntheticKnowledge, syntheticQueries } from './synthetic.ts';

interface Figures {
  buildMs: number;
  heapMB: number;
  p50Ms: number;
  p99Ms: number;
  qps: number;
  queries: number;
}

const gc = (globalThis as { gc?: () => void }).gc;
const heap = () => {
  // several full collections: weak maps (the engine's per-index memo) need more than one to let go
  for (let i = 0; i < 6; i++) gc?.();
  return process.memoryUsage().heapUsed;
};
const now = () => Number(process.hrtime.bigint()) / 1e6;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function measure(
  build: () => { search: (q: string) => unknown },
  queries: string[],
  warmup: number,
): Figures {
  const h0 = heap();
  const t0 = now();
  const s = build();
  const buildMs = now() - t0;
  const heapMB = (heap() - h0) / 1024 / 1024;
  for (let i = 0; i < warmup; i++) s.search(queries[i % queries.length]!);
  const times: number[] = [];
  const start = now();
  for (const q of queries) {
    const a = now();
    s.search(q);
    times.push(now() - a);
  }
  const total = now() - start;
  times.sort((a, b) => a - b);
  return {
    buildMs,
    heapMB,
    p50Ms: percentile(times, 50),
    p99Ms: percentile(times, 99),
    qps: queries.length / (total / 1000),
    queries: queries.length,
  };
}

function engineOf(kb: KnowledgeBase) {
  return () => {
    const e = createEngine(kb, { thresholds: DEFAULT_THRESHOLDS });
    return { search: (q: string) => e.ask(q) };
  };
}

function fuseOf(kb: KnowledgeBase) {
  return () => {
    const f = new Fuse(kb.entries.flatMap((e) => e.questions));
    return { search: (q: string) => f.search(q) };
  };
}

function realQueries(): string[] {
  const out: string[] = [];
  for (const s of ['dev', 'heldout']) {
    const text = readFileSync(new URL(`../tests/eval/${s}.jsonl`, import.meta.url), 'utf8');
    out.push(...parseEvalLines(text, s).map((i) => i.q));
  }
  return out;
}

function main(): void {
  const json = process.argv.includes('--json');
  const real = loadKnowledge(process.env.KNOWLEDGE_PATH || 'knowledge');
  const rq = realQueries();
  const cases: Array<{ name: string; kb: KnowledgeBase; queries: string[]; fuseQueries: string[] }> = [
    {
      name: `real (${real.entries.length} entries)`,
      kb: real,
      queries: [...rq, ...rq, ...rq],
      fuseQueries: rq,
    },
  ];
  for (const n of [500, 5000]) {
    const kb = syntheticKnowledge(n, 6);
    const q = syntheticQueries(kb, 2000);
    cases.push({ name: `synthetic ${n} × 6`, kb, queries: q, fuseQueries: q.slice(0, n >= 5000 ? 40 : 200) });
  }
  const results = cases.map((c) => {
    const fuse = measure(fuseOf(c.kb), c.fuseQueries, 5);
    const engine = measure(engineOf(c.kb), c.queries, 1000);
    return {
      name: c.name,
      strings: c.kb.entries.reduce((n, e) => n + e.questions.length, 0),
      engine,
      fuse,
      p50Speedup: fuse.p50Ms / engine.p50Ms,
      p99Speedup: fuse.p99Ms / engine.p99Ms,
    };
  });
  if (json) {
    console.log(JSON.stringify({ node: process.version, gc: Boolean(gc), results }));
    return;
  }
  const f = (x: number, d = 3) => x.toFixed(d);
  console.log(`node ${process.version}${gc ? '' : ' (no --expose-gc: heap figures are rough)'}`);
  console.log('| knowledge | strings | impl | build ms | heap MB | p50 ms | p99 ms | q/s | queries |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    for (const [impl, x] of [
      ['engine', r.engine],
      ['plain Fuse.js', r.fuse],
    ] as const) {
      console.log(
        `| ${r.name} | ${r.strings} | ${impl} | ${f(x.buildMs, 1)} | ${f(x.heapMB, 1)} | ${f(x.p50Ms)} | ${f(x.p99Ms)} | ${Math.round(x.qps)} | ${x.queries} |`,
      );
    }
  }
  console.log('\nspeed-up of the engine over plain Fuse.js (same run): ');
  for (const r of results) console.log(`  ${r.name}: p50 ×${f(r.p50Speedup, 1)}, p99 ×${f(r.p99Speedup, 1)}`);
}

main();
