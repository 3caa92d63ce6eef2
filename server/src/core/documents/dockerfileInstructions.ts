// One dockerfile-ast parse per text: the image uses, the instruction rules and the quick fixes all
// read the same instructions, and parsing a large Dockerfile is the costly part of analysing it.
import { DockerfileParser, Instruction } from 'dockerfile-ast';

let lastText: string | undefined;
let lastInstructions: Instruction[] | undefined;

/** The instructions of a Dockerfile text; throws what the parser throws. */
export function dockerfileInstructions(text: string): Instruction[] {
  if (text === lastText && lastInstructions) return lastInstructions;
  // dockerfile-ast copes with CRLF and directives; a BOM would be read as part of the first keyword.
  const content = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  const instructions = DockerfileParser.parse(content).getInstructions();
  lastText = text;
  lastInstructions = instructions;
  return instructions;
}
