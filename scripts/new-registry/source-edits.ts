/**
 * Edits to existing files that `npm run new:registry` makes by their structure, not by matching
 * text: it parses the TypeScript (or GraphQL) and inserts at the end of the named list, so that
 * comments, formatting and order elsewhere in a file do not matter. When the structure it looks
 * for is not there, it fails naming the file and what it looked for, before anything is written.
 */
import { Kind, parse, type EnumTypeDefinitionNode } from 'graphql';
import ts from 'typescript';

export class SourceEditError extends Error {
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}; the file's structure is not what \`npm run new:registry\` expects, so nothing was written`);
    this.name = 'SourceEditError';
  }
}

function sourceFile(file: string, source: string): ts.SourceFile {
  return ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

/** `x as T`, `x satisfies T` and `(x)` down to `x`. */
function unwrapped(expression: ts.Expression): ts.Expression {
  let current = expression;
  while (ts.isAsExpression(current) || ts.isSatisfiesExpression(current) || ts.isParenthesizedExpression(current)) {
    current = current.expression;
  }
  return current;
}

/**
 * Adds `entry` as the last member of the object or array literal that the top-level `const
 * <variable>` is initialised with (through `as` and `satisfies`).
 */
export function appendToLiteral(file: string, source: string, variable: string, entry: string): string {
  const literal = sourceFile(file, source)
    .statements.filter(ts.isVariableStatement)
    .flatMap((statement) => [...statement.declarationList.declarations])
    .find((declaration) => ts.isIdentifier(declaration.name) && declaration.name.text === variable)?.initializer;
  const target = literal && unwrapped(literal);
  if (!target || !(ts.isObjectLiteralExpression(target) || ts.isArrayLiteralExpression(target))) {
    throw new SourceEditError(file, `no top-level \`const ${variable}\` initialised with an object or array literal`);
  }
  const members = ts.isObjectLiteralExpression(target) ? target.properties : target.elements;
  const last = members.at(-1);
  const withComma = last && !members.hasTrailingComma ? `${source.slice(0, last.getEnd())},${source.slice(last.getEnd())}` : source;
  // On a line of its own before the closing brace or bracket.
  const closing = target.getEnd() - 1 + (withComma.length - source.length);
  const lineStart = withComma.lastIndexOf('\n', closing - 1) + 1;
  const onItsOwnLine = withComma.slice(lineStart, closing).trim() === '';
  const at = onItsOwnLine ? lineStart : closing;
  return `${withComma.slice(0, at)}${onItsOwnLine ? '' : '\n'}${entry.trim()}\n${withComma.slice(at)}`;
}

/** Adds an import statement among the file's imports, before the first one whose module path sorts after it. */
export function addImport(file: string, source: string, statement: string, modulePath: string): string {
  const imports = sourceFile(file, source).statements.filter(ts.isImportDeclaration);
  if (imports.length === 0) throw new SourceEditError(file, 'no import statements to add one to');
  const pathOf = (declaration: ts.ImportDeclaration) => (declaration.moduleSpecifier as ts.StringLiteral).text;
  const next = imports.find((declaration) => pathOf(declaration) > modulePath);
  if (next) {
    const at = next.getStart();
    return `${source.slice(0, at)}${statement}\n${source.slice(at)}`;
  }
  const at = imports[imports.length - 1]!.getEnd();
  return `${source.slice(0, at)}\n${statement}${source.slice(at)}`;
}

/** Adds `values` (SDL: descriptions, comments and the value) after the last value of the GraphQL enum `name`. */
export function appendToGraphQLEnum(file: string, source: string, name: string, values: string): string {
  const definition = parse(source).definitions.find(
    (node): node is EnumTypeDefinitionNode => node.kind === Kind.ENUM_TYPE_DEFINITION && node.name.value === name,
  );
  const last = definition?.values?.at(-1);
  if (!last?.loc) throw new SourceEditError(file, `no enum ${name} with values`);
  return `${source.slice(0, last.loc.end)}${values}${source.slice(last.loc.end)}`;
}

/**
 * Grants `right` to `role` in the rights file (gateway/rights.json); the right's TODO in
 * contracts/rights.ts asks the integrator to decide who really needs it.
 */
export function grantRight(file: string, source: string, role: string, right: string): string {
  let document: { roles?: Record<string, { description: string; rights: string[] }> };
  try {
    document = JSON.parse(source) as typeof document;
  } catch {
    throw new SourceEditError(file, 'not JSON');
  }
  const entry = document.roles?.[role];
  if (!entry || !Array.isArray(entry.rights)) throw new SourceEditError(file, `no role "${role}" with a list of rights`);
  entry.rights.push(right);
  return `${JSON.stringify(document, null, 2)}\n`;
}
