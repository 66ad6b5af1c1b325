/**
 * Measures the real bot process against the fake Bot API on this machine:
 *   - time from spawn to the first getUpdates (median of 5 starts),
 *   - resident memory (RSS) at idle and after 1,000 questions,
 *   - end-to-end questions per second (1,000 queued questions → 1,000 answers), with the bot's
 *     CPU use during the run and the engine's own time per question (to name the bottleneck).
 *
 *   npx tsx tests/e2e/measure-bot.ts            (not a test: prints a JSON report)
 */
import { readFileSync } from 'node:fs';
import { parseConfig } from '../../src/config.ts';
import { engineHolderFromConfig } from '../../src/knowledge/build-engine.ts';
import { type BotHarness, startBot } from './harness.ts';

const QUESTIONS = 1000;
const USERS = 100;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

function procStatus(pid: number): { rssMb: number; cpuMs: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(stat[11]) + Number(stat[12]); // utime + stime (fields 14, 15)
  return { rssMb: Math.round((rssKb / 1024) * 10) / 10, cpuMs: ticks * 10 };
}

async function settle(ms: number) {
  await new Promise((r) => setTimeout(r, ms));
}

async function startupTimes(): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const h = await startBot();
    times.push(Math.round(h.startupMs));
    await h.stop();
  }
  return times;
}

function questionMix(): string[] {
  const engine = engineHolderFromConfig(parseConfig({})).engine;
  const all = engine.knowledge.entries.flatMap((e) => e.questions);
  all.push('ما عاصمة فرنسا؟', 'مرحبا', 'القائم', 'شكرا جزيلا');
  const out: string[] = [];
  for (let i = 0; i < QUESTIONS; i++) out.push(all[i % all.length]!);
  return out;
}

function engineCost(questions: string[]): number {
  const engine = engineHolderFromConfig(parseConfig({})).engine;
  for (const q of questions.slice(0, 200)) engine.ask(q);
  const t0 = performance.now();
  for (const q of questions) engine.ask(q);
  return (performance.now() - t0) / questions.length;
}

async function throughput(h: BotHarness, questions: string[]) {
  const pid = h.proc.pid!;
  const before = procStatus(pid);
  const since = h.api.mark();
  const t0 = performance.now();
  for (const [i, q] of questions.entries()) h.api.privateText(1_000_000 + (i % USERS), q);
  await h.api.waitForCount('sendMessage', questions.length, (c) => c.response?.ok === true, {
    since,
    timeoutMs: 120_000,
  });
  const wallMs = performance.now() - t0;
  const after = procStatus(pid);
  return {
    wallMs: Math.round(wallMs),
    perSecond: Math.round((questions.length / wallMs) * 1000),
    botCpuMs: after.cpuMs - before.cpuMs,
    botCpuShare: Math.round(((after.cpuMs - before.cpuMs) / wallMs) * 100) / 100,
    apiCalls: h.api.mark() - since,
  };
}

async function sequentialLatency(h: BotHarness, questions: string[]) {
  const times: number[] = [];
  for (const [i, q] of questions.slice(0, 100).entries()) {
    const since = h.api.mark();
    const t0 = performance.now();
    h.api.privateText(2_000_000 + i, q);
    await h.api.waitFor('sendMessage', (c) => c.response?.ok === true, { since });
    times.push(performance.now() - t0);
  }
  return {
    medianMs: Math.round(median(times) * 10) / 10,
    p95Ms: Math.round([...times].sort((a, b) => a - b)[94]! * 10) / 10,
  };
}

const questions = questionMix();
const starts = await startupTimes();
const h = await startBot({ env: { FLOOD_LIMIT: '10000', LOG_LEVEL: 'warn' } });
try {
  await settle(2000);
  const idle = procStatus(h.proc.pid!);
  const first = await throughput(h, questions);
  await settle(1000);
  const after1000 = procStatus(h.proc.pid!);
  const second = await throughput(h, questions);
  const latency = await sequentialLatency(h, questions);
  await settle(1000);
  const after3100 = procStatus(h.proc.pid!);
  const report = {
    node: process.version,
    startupToFirstGetUpdatesMs: { runs: starts, median: median(starts) },
    rssMb: { idle: idle.rssMb, after1000Questions: after1000.rssMb, after3100Questions: after3100.rssMb },
    throughput: { run1: first, run2: second },
    sequentialOneAtATime: latency,
    engineMsPerQuestion: Math.round(engineCost(questions) * 1000) / 1000,
  };
  console.log(JSON.stringify(report, null, 2));
} finally {
  await h.stop();
}
