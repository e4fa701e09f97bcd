/**
 * Reads a doc comment out of TypeScript source text: the `/** … *\/` block right before
 * `export function NAME` / `export interface NAME`, or before the field `FIELD` of `NAME` when
 * written `NAME.FIELD` (or the file's opening block when no name is given), with the comment
 * markers stripped and the lines joined as written.
 */
export function docComment(source: string, symbol: string | null): string {
  let end: number;
  if (symbol === null) {
    end = source.indexOf('*/');
  } else {
    const [name, field] = symbol.split('.');
    let decl = new RegExp(`export (?:async )?(?:function|interface|class|const) ${name}\\b`).exec(source);
    if (!decl) throw new Error(`No export named ${name} in the source.`);
    if (field) {
      const inner = new RegExp(`\\n\\s+${field}\\??:`, 'g');
      inner.lastIndex = decl.index;
      decl = inner.exec(source);
      if (!decl) throw new Error(`${name} has no field ${field}.`);
    }
    end = source.lastIndexOf('*/', decl.index);
    // The comment must sit directly above the declaration (only whitespace between).
    if (end < 0 || source.slice(end + 2, decl.index).trim() !== '') throw new Error(`${symbol} has no doc comment.`);
  }
  const start = source.lastIndexOf('/**', end);
  if (start < 0 || end < 0) throw new Error('No doc comment found.');
  return forReaders(
    source
      .slice(start + 3, end)
      .split('\n')
      .map((l) => l.replace(/^\s*\* ?/, ''))
      .join('\n')
      .trim(),
  );
}

/**
 * A doc comment as a reader of the glossary should see it: code ticks dropped, `@param x` /
 * `@returns` / `@throws` tags turned into words, `{@link X}` into X. (The source keeps its syntax
 * for the editor; the page is for people.)
 */
function forReaders(text: string): string {
  return text
    .replace(/\{@link\s+([^}|\s]+)(?:[|\s][^}]*)?\}/g, '$1')
    .replace(/^@param\s+(?:\{[^}]*\}\s*)?([\w.]+)\s*/gm, '$1: ')
    .replace(/^@returns?\s*/gm, 'Returns ')
    .replace(/^@throws\s*(?:\{[^}]*\}\s*)?/gm, 'Fails with ')
    .replace(/`([^`\n]*)`/g, '$1');
}
