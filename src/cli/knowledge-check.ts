import { DEFAULT_THRESHOLDS } from '../config.ts';
import { findConfusables } from '../knowledge/check.ts';
import { KnowledgeError, loadKnowledge } from '../knowledge/load.ts';

/**
 * `npm run knowledge:check [path]`: validate the knowledge file(s) and list confusable questions.
 * Exit 1 on an invalid file; confusables are warnings for editors (exit 0).
 */
function main(): void {
  const path = process.argv[2] ?? process.env.KNOWLEDGE_PATH ?? 'knowledge';
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
  const conf = findConfusables(kb, { thresholds: DEFAULT_THRESHOLDS });
  console.log(
    `confusable questions (closer to another entry than to their own when left out): ${conf.length}`,
  );
  for (const c of conf) {
    console.log(
      `  ${c.entryId} ⇄ ${c.closerTo}: «${c.question}» (own ${c.ownScore.toFixed(2)}, other ${c.otherScore.toFixed(2)})`,
    );
  }
}

main();
