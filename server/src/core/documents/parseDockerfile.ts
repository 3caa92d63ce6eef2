// dockerfile-ast, with the byte-order mark handled (it would be read as part of the first keyword).
import { DockerfileParser, Instruction } from 'dockerfile-ast';

/** The instructions of a Dockerfile text; throws what the parser throws. */
export function parseDockerfile(text: string): Instruction[] {
  const content = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  return DockerfileParser.parse(content).getInstructions();
}
