// dockerfile-ast, with the byte-order mark handled (it would be read as part of the first keyword) and an
// instruction's arguments made once.
import { Argument, DockerfileParser, Instruction } from 'dockerfile-ast';

// dockerfile-ast makes an instruction's arguments afresh on every call (an object and two position look-ups
// per word) and asks for them several times per instruction while parsing: ~1 s for a 1 MB RUN line. An
// instruction's text never changes, so they are made once; each call gets its own copy (callers shift it).
const madeArguments = new WeakMap<Instruction, Argument[]>();
const instructionProto = Instruction.prototype as unknown as { getRawArguments(this: Instruction): Argument[] };
const makeArguments = instructionProto.getRawArguments;
instructionProto.getRawArguments = function (this: Instruction): Argument[] {
  let made = madeArguments.get(this);
  if (!made) {
    made = makeArguments.call(this);
    madeArguments.set(this, made);
  }
  return made.slice();
};

/** The instructions of a Dockerfile text; throws what the parser throws. */
export function parseDockerfile(text: string): Instruction[] {
  const content = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  return DockerfileParser.parse(content).getInstructions();
}
