import { describe, expect, it } from 'vitest';
import { docComment } from './docComment';
import { GLOSSARY } from './entries';
import { GLOSSARY_IDS } from './ids';

describe('docComment', () => {
  const src = `/** Module. */\nimport x;\n/**\n * Adds.\n *   a + b\n */\nexport function add() {}\nconst y = 1;\nexport function bare() {}\n`;
  it('reads the comment above an export, or the opening one', () => {
    expect(docComment(src, 'add')).toBe('Adds.\n  a + b');
    expect(docComment(src, null)).toBe('Module.');
    const withField = `export interface R {\n  a: number;\n  /** The b. */\n  b?: number;\n}\n`;
    expect(docComment(withField, 'R.b')).toBe('The b.');
  });
  it('shows people words, not doc-comment syntax', () => {
    const tagged = '/**\n * The `k` best, see {@link topK}.\n * @param lists one list per shopper\n * @returns a share in [0, 1]\n * @throws {Error} ConfigError naming the field\n */\nexport function f() {}\n';
    expect(docComment(tagged, 'f')).toBe('The k best, see topK.\nlists: one list per shopper\nReturns a share in [0, 1]\nFails with ConfigError naming the field');
    for (const e of GLOSSARY) expect(e.definition, e.id).not.toMatch(/@returns|@param|@throws|`|\{@link/);
  });
  it('refuses an export without its own comment, or a missing one', () => {
    expect(() => docComment(src, 'bare')).toThrow(/no doc comment/);
    expect(() => docComment(src, 'nope')).toThrow(/No export named nope/);
  });
});

describe('glossary', () => {
  it('has every entry, each with the formula from its engine doc comment', () => {
    expect(GLOSSARY.map((e) => e.id)).toEqual([...GLOSSARY_IDS]);
    for (const e of GLOSSARY) {
      expect(e.definition.length, e.id).toBeGreaterThan(40);
      expect(e.why.length, e.id).toBeGreaterThan(20);
    }
    const byId = Object.fromEntries(GLOSSARY.map((e) => [e.id, e]));
    expect(byId.auc.definition).toContain('Mann–Whitney');
    expect(byId.ece.definition).toContain('ECE = Σ_b (n_b/n)·|mean(p in b) − mean(y in b)|');
    expect(byId.calibrationKl.definition).toContain('C_KL = Σ_{g : p_g > 0} p_g·ln(p_g / q̃_g)');
    expect(byId.online.definition).toContain('position bias');
    expect(byId.gradientCosine.definition).toContain('cosine between the first two tasks');
  });
});
