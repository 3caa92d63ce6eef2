// The yaml library's parseAllDocuments / parseDocument, read a few hundred tokens at a time: a pause may
// come between two steps, so a language server keeps answering while a multi-megabyte file is parsed.
// Only the composing of one document (its node tree from its tokens) is one step.
import type { Document, DocumentOptions, LineCounter, ParseOptions, SchemaOptions } from 'yaml';
import { withoutStacks, yamlStages } from './yamlLib';

export type YamlParseOptions = ParseOptions & DocumentOptions & SchemaOptions & { lineCounter?: LineCounter };

const TOKENS_PER_STEP = 256;

/** Every document of the text, as parseAllDocuments gives them (prettyErrors off). */
export function* parseAllDocumentsSteps(text: string, options: YamlParseOptions): Generator<void, Document.Parsed[]> {
  return yield* documentSteps(text, options, false);
}

/** The first document, as parseDocument gives it: a second one is an error on the first. */
export function* parseDocumentSteps(text: string, options: YamlParseOptions): Generator<void, Document.Parsed> {
  const docs = yield* documentSteps(text, options, true);
  const [doc, second] = docs;
  if (second && doc.options.logLevel !== 'silent')
    doc.errors.push(
      new (yamlStages().YAMLParseError)(
        [second.range[0], second.range[1]],
        'MULTIPLE_DOCS',
        'Source contains multiple documents; please use YAML.parseAllDocuments()',
      ),
    );
  return doc;
}

function* documentSteps(text: string, options: YamlParseOptions, single: boolean): Generator<void, Document.Parsed[]> {
  const { Lexer, Parser, Composer } = yamlStages();
  const lc = options.lineCounter;
  const parser = new Parser(lc?.addNewLine);
  const composer = new Composer(options);
  const docs: Document.Parsed[] = [];
  const compose = (tokens: Iterable<Parameters<typeof composer.next>[0]>): void => {
    for (const token of tokens) for (const doc of composer.next(token)) docs.push(doc);
  };
  lc?.addNewLine(0); // as Parser.parse does before the first token
  const lexemes = new Lexer().lex(text, false);
  for (let done = false; !done;) {
    done = withoutStacks(() => {
      for (let k = 0; k < TOKENS_PER_STEP; k++) {
        const lexeme = lexemes.next();
        if (lexeme.done) return true;
        compose(parser.next(lexeme.value));
      }
      return false;
    });
    yield;
  }
  withoutStacks(() => {
    compose(parser.end());
    for (const doc of composer.end(single, single ? text.length : -1)) docs.push(doc);
  });
  return docs;
}
