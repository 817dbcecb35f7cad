import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

/** Lints code as if it were lib/example.ts, with the project's own eslint config; returns the import-rule messages by line. */
function lintImports(code: string): { line: number; message: string }[] {
  const eslint = path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');
  const result = spawnSync(
    process.execPath,
    [eslint, '--format', 'json', '--stdin', '--stdin-filename', 'lib/example.ts'],
    {
      cwd: ROOT,
      input: code,
      encoding: 'utf8',
    },
  );
  const [report] = JSON.parse(result.stdout) as {
    messages: { ruleId: string; line: number; message: string }[];
  }[];
  return report.messages
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map(({ line, message }) => ({ line, message }));
}

describe('the deep-import lint rule', () => {
  it('rejects the provider package roots and the lib/ index, and accepts deep paths', () => {
    const messages = lintImports(
      [
        "import { Vpc } from '@cdktf/provider-aws';",
        "import { DnsRecord } from '@cdktf/provider-cloudflare';",
        "import { Password } from '@cdktf/provider-random';",
        "import { Subnet } from '@cdktf/provider-aws/lib';",
        "import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';",
        'export const used = [Vpc, DnsRecord, Password, Subnet, SecurityGroup];',
        '',
      ].join('\n'),
    );
    expect(messages.map((m) => m.line)).toEqual([1, 2, 3, 4]);
    for (const { message } of messages) expect(message).toMatch(/deep path/);
  });
});
