// The yaml library, loaded on first use: its start-up (~60 ms) is not paid by a server that was started
// because a Dockerfile was opened. Type imports stay on 'yaml'; values come through here.
import type * as Yaml from 'yaml';
import type { Alias, LineCounter, Scalar, YAMLMap, YAMLSeq } from 'yaml';

let lib: typeof Yaml | undefined;

function yaml(): typeof Yaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (lib ??= require('yaml') as typeof Yaml);
}

export const isMap = (n: unknown): n is YAMLMap => yaml().isMap(n);
export const isSeq = (n: unknown): n is YAMLSeq => yaml().isSeq(n);
export const isScalar = (n: unknown): n is Scalar => yaml().isScalar(n);
export const isAlias = (n: unknown): n is Alias => yaml().isAlias(n);
export const parse = (
  src: string,
  options?: Yaml.ParseOptions & Yaml.DocumentOptions & Yaml.SchemaOptions & Yaml.ToJSOptions,
): unknown => yaml().parse(src, options);
export const parseDocument = (...a: Parameters<typeof Yaml.parseDocument>) => yaml().parseDocument(...a);
export const parseAllDocuments = (...a: Parameters<typeof Yaml.parseAllDocuments>) => yaml().parseAllDocuments(...a);
/** The parser's stages, for reading a long file in steps (yamlParseSteps.ts). */
export function yamlStages(): Pick<typeof Yaml, 'Lexer' | 'Parser' | 'Composer' | 'YAMLParseError'> {
  const { Lexer, Parser, Composer, YAMLParseError } = yaml();
  return { Lexer, Parser, Composer, YAMLParseError };
}
export function newLineCounter(): LineCounter {
  return new (yaml().LineCounter)();
}
export const visit = (...a: Parameters<typeof Yaml.visit>) => yaml().visit(...a);

/** Runs the YAML parser without stack traces on its errors: a garbled file makes thousands of them, and
 *  capturing each stack was most of the parse time. */
export function withoutStacks<T>(parse: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return parse();
  } finally {
    Error.stackTraceLimit = limit;
  }
}
