import { Token } from 'cdktf';

/**
 * How cdktf writes a string token inside a string, `${TfToken[TOKEN.12]}` (cdktf's
 * `BEGIN_STRING_TOKEN_MARKER` and `END_TOKEN_MARKER`): at synth it becomes a Terraform reference.
 */
const STRING_TOKEN = /(\$\{TfToken\[[a-zA-Z0-9:._-]+\]\})/;

/**
 * Escapes Terraform's template sequences in the literal parts of `text`: `${` becomes `$${` and `%{`
 * becomes `%%{`, so a value such as `sh -c 'echo ${HOME}'` reaches the container as written instead of
 * being read as a Terraform interpolation. cdktf tokens in `text` are left alone, to resolve as usual.
 * Needed for strings that end up inside a JSON document Terraform receives as one string (container
 * definitions); cdktf does not escape them itself.
 */
export function escapeTemplateSequences(text: string): string {
  return text
    .split(STRING_TOKEN)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{')))
    .join('');
}

/** The literal text after the last cdktf token in `text` (all of `text` when it has none). */
export function textAfterLastToken(text: string): string {
  const parts = text.split(STRING_TOKEN);
  return parts[parts.length - 1];
}

/**
 * Whether a list prop is one reference to a whole list (a remote state output, `Fn.concat(…)`)
 * rather than a literal list, whose elements may still be references. Its length is only known
 * at plan time, so it is neither counted nor spread.
 */
export function isListReference(value: readonly string[] | undefined): boolean {
  return value !== undefined && (!Array.isArray(value) || Token.isUnresolved(value));
}
