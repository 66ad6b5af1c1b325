/** One question-and-answer entry about the report. */
export interface KnowledgeEntry {
  /** Stable slug, unique across all loaded files. */
  readonly id: string;
  /** Topic id (see KnowledgeBase.topics); groups entries for /topics. */
  readonly topic: string;
  /** The first question is the canonical one shown to users; the rest are paraphrases. */
  readonly questions: readonly string[];
  /** Arabic answer, complete on its own. */
  readonly answer: string;
  /** Paragraph numbers of shared/report/article.numbered.ar.txt the answer rests on. */
  readonly source: readonly number[];
  readonly tags: readonly string[];
  readonly keywords: readonly string[];
}

/** Greetings, thanks, "who are you" ... answered warmly, never with a report fact. */
export interface SmalltalkEntry {
  readonly id: string;
  readonly questions: readonly string[];
  readonly answer: string;
}

export interface Topic {
  readonly id: string;
  /** Arabic title shown on the /topics buttons. */
  readonly title: string;
}

export interface KnowledgeBase {
  /** Arabic title of the report. */
  readonly title: string;
  readonly topics: readonly Topic[];
  readonly entries: readonly KnowledgeEntry[];
  readonly smalltalk: readonly SmalltalkEntry[];
  /**
   * Questions people ask about the topic that the report does not answer («كم جندي راح للكويت؟»). A
   * message closer to one of them than to any entry's questions gets «لا أعرف», not a near-miss fact.
   */
  readonly unanswerable?: readonly string[];
  /** Files the knowledge was read from (for messages and /reload replies). */
  readonly files: readonly string[];
}
