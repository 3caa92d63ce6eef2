// A Problems entry is one sentence: what is wrong and what to do. A rule may word more (why, sources,
// dates, alternatives): that goes to the finding's detail, which hovers and reports show.

/** The Problems panel's budget for one message. */
export const MESSAGE_MAX = 120;

// a sentence ends at . ! ? before white space, but not after "e.g." or "i.e." or a version's dot
const SENTENCE_END = /(?<!\be\.g|\bi\.e|\betc)(?<=[.!?])\s+(?=\S)/;

/** The first sentence as the message, the rest (and any detail the rule gave) as detail. */
export function splitMessage(message: string, detail?: string): { message: string; detail?: string } {
  const m = SENTENCE_END.exec(message);
  const first = m ? message.slice(0, m.index) : message;
  const rest = m ? message.slice(m.index + m[0].length) : '';
  const more = [rest, detail ?? ''].filter(Boolean).join('\n\n');
  // a first sentence past the budget keeps its words in the detail, never lost
  const short = cut(first);
  const lost = short === first ? '' : first;
  const full = [lost, more].filter(Boolean).join('\n\n');
  return full ? { message: short, detail: full } : { message: short };
}

/** Cut at a word boundary, with an ellipsis, within the budget. */
function cut(text: string): string {
  if (text.length <= MESSAGE_MAX) return text;
  const head = text.slice(0, MESSAGE_MAX - 1);
  const space = head.lastIndexOf(' ');
  return `${space > MESSAGE_MAX / 2 ? head.slice(0, space) : head}…`;
}
