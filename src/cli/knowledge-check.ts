import { DEFAULT_THRESHOLDS } from '../config.ts';
import { blockedByUnanswerable, leaveOneOut } from '../knowledge/check.ts';
import { KnowledgeError, loadKnowledge } from '../knowledge/load.ts';
import { exitQuietlyOnBrokenPipe } from './broken-pipe.ts';

/**
 * `npm run knowledge:check [path] [--all] [--exact]`: validate the knowledge file(s), list entry
 * questions that the unanswerable list silences, then ask the engine each question left out of its own
 * entry and list those it answers with another entry or offers after one (`--all` also lists those it
 * does not answer). Questions are left out a tenth at a time (ten engine builds, a few seconds);
 * `--exact` leaves them out one at a time (one build per question: minutes on 4,000 questions). Exit 1
 * on an invalid file; the rest is advice for editors (exit 0).
 */
const FOLDS = 10;
function main(): void {
  exitQuietlyOnBrokenPipe();
  const args = process.argv.slice(2);
  const all = args.includes('--all');
  const exact = args.includes('--exact');
  const path = args.find((a) => !a.startsWith('--')) ?? process.env.KNOWLEDGE_PATH ?? 'knowledge';
  let kb: ReturnType<typeof loadKnowledge>;
  try {
    kb = loadKnowledge(path);
  } catch (err) {
    if (err instanceof KnowledgeError) {
      console.error(`knowledge is INVALID: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
  const questions = kb.entries.reduce((n, e) => n + e.questions.length, 0);
  console.log(
    `knowledge OK: ${kb.entries.length} entries, ${questions} questions, ${kb.smalltalk.length} small-talk entries, ${kb.topics.length} topics (${kb.files.join(', ')})`,
  );
  const thin = kb.entries.filter((e) => e.questions.length < 5);
  for (const e of thin)
    console.log(`  warning: ${e.id} has only ${e.questions.length} questions (aim for 5 or more)`);
  if (kb.unanswerable?.length) {
    const blocked = blockedByUnanswerable(kb, { thresholds: DEFAULT_THRESHOLDS });
    console.log(
      `unanswerable questions: ${kb.unanswerable.length}; entry questions they silence (reword or remove the unanswerable one): ${blocked.length}`,
    );
    for (const b of blocked)
      console.log(`  ${b.entryId}: «${b.question}»${b.by ? ` — silenced by «${b.by}»` : ''}`);
  }
  const folds = exact ? undefined : FOLDS;
  const report = leaveOneOut(kb, { thresholds: DEFAULT_THRESHOLDS }, folds);
  const pct = ((100 * report.ownAnswered) / Math.max(report.checked, 1)).toFixed(1);
  const how = folds === undefined ? 'one at a time' : `1/${folds} at a time; --exact for one at a time`;
  console.log(
    `left out of its own entry (${how}), ${report.ownAnswered} of ${report.checked} questions (${pct}%) are still answered with it`,
  );
  const groups = [
    ['wrong', 'answered with another entry (reword it, or make the two answers distinct)'],
    ['offered-after', 'offered after another entry in «هل تقصد»'],
    ['not-answered', 'not answered (no other question of the entry is worded like it)'],
  ] as const;
  for (const [outcome, label] of groups) {
    const list = report.problems.filter((p) => p.outcome === outcome);
    console.log(`${label}: ${list.length}`);
    if (outcome === 'not-answered' && !all) {
      if (list.length > 0) console.log('  (list them with: npm run knowledge:check -- --all)');
      continue;
    }
    for (const p of list)
      console.log(`  ${p.entryId}${p.closerTo ? ` → ${p.closerTo}` : ''}: «${p.question}»`);
  }
}

main();
