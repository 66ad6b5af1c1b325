import type { Config } from '../config.ts';
import { createEngine } from '../qa/engine.ts';
import type { Engine } from '../qa/types.ts';
import { type AlternateQuestion, createEngineHolder, type EngineHolder } from './holder.ts';
import { loadKnowledge } from './load.ts';
import type { KnowledgeBase } from './types.ts';

/** The engine holder as configured: knowledge from KNOWLEDGE_PATH, thresholds and query cut from config. */
export function engineHolderFromConfig(
  config: Pick<Config, 'knowledgePath' | 'thresholds' | 'maxQueryChars'>,
  alternates?: () => readonly AlternateQuestion[],
): EngineHolder {
  const build = (kb: KnowledgeBase): Engine =>
    createEngine(kb, { thresholds: config.thresholds, maxQueryChars: config.maxQueryChars });
  return createEngineHolder({
    load: () => loadKnowledge(config.knowledgePath),
    build,
    ...(alternates ? { alternates } : {}),
  });
}
