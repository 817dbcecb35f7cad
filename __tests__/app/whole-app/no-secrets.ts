import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { bundledSynth } from './bundled-synth';

/** Attribute names that would hold a secret value if given a literal. */
const SECRET_KEY = /(password|passwd|secret|token|private_key|access_key|auth)/i;
/** Secret-named attributes whose value is not a secret: flags, references to secrets, lengths, key ids. */
const NOT_A_SECRET_VALUE =
  /(_arn|_id|_ids|_name|length|_enabled|manage_master_user_password|_strategy|_kms_key_id|iam_database_authentication_enabled|auth_scheme|client_password_auth_type|iam_auth|special|upper|lower|numeric|min_|override_special|recovery_window_in_days|description|type)$/i;
/** Literal strings that look like credentials wherever they appear. */
const CREDENTIAL_SHAPES = [
  /AKIA[0-9A-Z]{16}/, // AWS access key id
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /gh[pousr]_[A-Za-z0-9]{36}/, // GitHub tokens
  /xox[baprs]-[A-Za-z0-9-]{10,}/, // Slack tokens
];

interface Finding {
  readonly stack: string;
  readonly at: string;
  readonly value: unknown;
}

function walk(stack: string, value: unknown, at: string, findings: Finding[]): void {
  if (typeof value === 'string') {
    if (CREDENTIAL_SHAPES.some((shape) => shape.test(value))) findings.push({ stack, at, value });
    const key = at.split('.').pop() ?? '';
    const literal = !/^\$\{.*\}$/s.test(value);
    if (literal && SECRET_KEY.test(key) && !NOT_A_SECRET_VALUE.test(key) && value !== '') {
      findings.push({ stack, at, value });
    }
    return;
  }
  if (Array.isArray(value)) value.forEach((v, i) => walk(stack, v, `${at}[${i}]`, findings));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value))
      if (k !== '//') walk(stack, v, at ? `${at}.${k}` : k, findings);
  }
}

describe('no secret value in the synthesized output', () => {
  const { outdir, stacksDir, stacks } = bundledSynth();

  it('scans every stack of every bundled environment', () => {
    expect(stacks.length).toBeGreaterThanOrEqual(8);
  });

  it('finds no credential-shaped string in any file of the output folder (manifest included)', () => {
    const files = readdirSync(outdir, { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.json'),
    );
    expect(files).toEqual(expect.arrayContaining(['manifest.json']));
    for (const file of files) {
      const text = readFileSync(path.join(outdir, file), 'utf8');
      expect({ file, shapes: CREDENTIAL_SHAPES.filter((shape) => shape.test(text)).map(String) }).toEqual({
        file,
        shapes: [],
      });
    }
  });

  it.each(stacks)('%s holds no literal password, token or key, only references', (stack) => {
    const json = JSON.parse(readFileSync(path.join(stacksDir, stack, 'cdk.tf.json'), 'utf8'));
    const findings: Finding[] = [];
    walk(stack, json, '', findings);
    expect(findings).toEqual([]);
  });

  it('would catch a literal secret (the scan itself works)', () => {
    const findings: Finding[] = [];
    walk('example', { resource: { aws_db_instance: { db: { password: 'hunter2hunter2', manage_master_user_password: true } } } }, '', findings); // prettier-ignore
    walk('example', { resource: { x: { y: { description: 'AKIAABCDEFGHIJKLMNOP' } } } }, '', findings);
    expect(findings.map((f) => f.at)).toEqual([
      'resource.aws_db_instance.db.password',
      'resource.x.y.description',
    ]);
  });
});
